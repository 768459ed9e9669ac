"""A fixed-body HTTP/1.1 server for the benchmark, on loopback.

Every request, whatever its method and path, gets the same answer: ``200 OK`` with the bytes
of ``--body`` as ``application/json``, a ``Content-Length`` and a kept-alive connection. An
optional ``--latency-ms`` is slept before each answer, as a remote API would take.

One thread per connection, so a client with eight connections is served by eight threads.

It prints ``PORT <n>`` on stdout once it listens, then answers lines on stdin:
``stats`` prints ``STATS <connections accepted> <requests answered>``, ``reset`` zeroes both,
``quit`` (or the end of stdin) stops it. Counting through stdin rather than a special URL keeps
the HTTP side answering every request the same way.

    python bench/server.py --body body.json [--latency-ms 20] [--port 0]
"""

import argparse
import socket
import sys
import threading
import time

_lock = threading.Lock()
_connections = 0
_requests = 0


def _serve_connection(conn: socket.socket, response: bytes, latency: float) -> None:
    global _requests
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    pending = b""
    try:
        while True:
            end = pending.find(b"\r\n\r\n")
            if end < 0:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                pending += chunk
                continue
            # The benchmark's clients only send GETs, but skip a request body if one comes.
            head = pending[:end]
            pending = pending[end + 4:]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip() or b"0")
            while len(pending) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                pending += chunk
            pending = pending[length:]
            if latency:
                time.sleep(latency)
            conn.sendall(response)
            with _lock:
                _requests += 1
    except OSError:
        pass
    finally:
        conn.close()


def _accept_loop(listener: socket.socket, response: bytes, latency: float) -> None:
    global _connections
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with _lock:
            _connections += 1
        threading.Thread(
            target=_serve_connection, args=(conn, response, latency), daemon=True
        ).start()


def main() -> None:
    global _connections, _requests
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--body", required=True, help="file whose bytes every answer carries")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    with open(args.body, "rb") as f:
        body = f.read()
    response = (
        b"HTTP/1.1 200 OK\r\n"
        b"Content-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n"
        b"Connection: keep-alive\r\n"
        b"\r\n" + body
    )

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(128)
    threading.Thread(
        target=_accept_loop,
        args=(listener, response, args.latency_ms / 1000.0),
        daemon=True,
    ).start()
    print(f"PORT {listener.getsockname()[1]}", flush=True)

    for line in sys.stdin:
        command = line.strip()
        if command == "stats":
            with _lock:
                print(f"STATS {_connections} {_requests}", flush=True)
        elif command == "reset":
            with _lock:
                _connections = 0
                _requests = 0
            print("OK", flush=True)
        elif command == "quit":
            break
    listener.close()


if __name__ == "__main__":
    main()
