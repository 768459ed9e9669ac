//! `client_resources!` (a client's resource accessors) and `config_setters!` (the builder
//! setters both clients share).

/// Declares a client's resources once: the Rust accessor methods, the list of all operations,
/// and (with the `python` feature) `python_client!`, through which `src/python/` writes the
/// Python client with one attribute per resource.
macro_rules! client_resources {
    (
        impl $client:ident in $provider:ident {
            $( $(#$doc:tt)* $name:ident: $module:ident::$handler:ident, )*
        }
    ) => {
        crate::operation::client_resources!(@emit ($) $client $provider [$( [$(#$doc)*] $name $module $handler )*]);
    };
    (@emit ($d:tt) $client:ident $provider:ident [$( [$(#$doc:tt)*] $name:ident $module:ident $handler:ident )*]) => {
        impl $client {
            $(
                $(#$doc)*
                pub fn $name(&self) -> $module::$handler<'_> {
                    $module::$handler::new(&self.transport)
                }
            )*

            /// Every resource (handler) of this client as declared: the attribute, the
            /// handler, its docs, operations and waiters.
            pub fn resources() -> Vec<crate::operation::ResourceInfo> {
                vec![$(crate::operation::ResourceInfo {
                    attribute: stringify!($name),
                    attribute_doc: crate::operation::doc_text!($(#$doc)*),
                    handler: stringify!($handler),
                    doc: $module::$handler::DOC,
                    operations: $module::$handler::OPERATIONS,
                    waiter: $module::$handler::WAITER,
                },)*]
            }

            /// Every operation this client offers: handler, method name, HTTP method and path.
            pub fn operations() -> Vec<crate::operation::OperationInfo> {
                let mut all = Vec::new();
                $( all.extend_from_slice($module::$handler::OPERATIONS); )*
                all
            }
        }

        /// Hands the resources to `crate::python::client_class!`, which writes the Python
        /// client class (its resource attributes beside the methods given here).
        #[cfg(feature = "python")]
        macro_rules! python_client {
            ($d($d class:tt)*) => {
                crate::python::client_class! {
                    [$( [$(#$doc)*] $name $provider $module $handler )*]
                    $d($d class)*
                }
            };
        }
        #[cfg(feature = "python")]
        pub(crate) use python_client;
    };
}
pub(crate) use client_resources;

/// The builder setters both clients share; each sets one field of `self.config`.
macro_rules! config_setters {
    () => {
        /// Base URL every path is appended to. Must be `https://`, or `http://` to a loopback
        /// host (tests, the sandbox). Defaults to the provider's production URL.
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.config.base_url = url.into();
            self
        }

        /// Overall time limit of one HTTP request, from connecting to reading the whole body.
        /// Defaults to 30 seconds; zero fails [`build`](Self::build).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.config.timeout = timeout;
            self
        }

        /// Time limit for opening a connection. Defaults to 10 seconds.
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.config.connect_timeout = timeout;
            self
        }

        /// How many times a failed request is retried when retrying is safe (429 for any
        /// method; 502-504 and dropped or reset connections for GET, PUT, DELETE and HEAD;
        /// connections that were never made for any method). Defaults to 2.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.config.max_retries = retries;
            self
        }

        /// Largest response body accepted, in bytes; a larger one is refused rather than read
        /// into memory. Defaults to 64 MiB; zero fails [`build`](Self::build).
        pub fn max_response_bytes(mut self, bytes: u64) -> Self {
            self.config.max_response_bytes = bytes;
            self
        }

        /// How many idle connections are kept open for reuse: set it to the number of threads
        /// that share the client, so each finds one (over HTTPS, each new connection costs a
        /// TLS handshake). Defaults to 16; 0 fails [`build`](Self::build).
        pub fn pool_size(mut self, connections: usize) -> Self {
            self.config.pool_size = connections;
            self
        }

        /// Sends every request through this proxy (`http://` or `https://`, credentials
        /// allowed: they are never shown), even to a loopback host. A SOCKS proxy fails
        /// [`build`](Self::build) with `Error::Config`.
        /// Without this, the `ALL_PROXY`/`HTTPS_PROXY`/`HTTP_PROXY` environment variables are
        /// used (honouring `NO_PROXY`), except for loopback hosts such as the sandbox.
        pub fn proxy(mut self, url: impl Into<String>) -> Self {
            self.config.proxy = crate::transport::ProxySetting::Url(url.into());
            self
        }

        /// Uses no proxy at all, whatever the environment says.
        pub fn no_proxy(mut self) -> Self {
            self.config.proxy = crate::transport::ProxySetting::Off;
            self
        }

        /// Trusts the certificates in this PEM file, or in the PEM files of this folder,
        /// instead of the bundled Mozilla roots: for a private CA or a corporate TLS proxy.
        /// Without it, `REQUESTS_CA_BUNDLE` or else `SSL_CERT_FILE` is read when set. A path
        /// that holds no certificate fails [`build`](Self::build) with `Error::Config`.
        pub fn ca_bundle(mut self, path: impl Into<std::path::PathBuf>) -> Self {
            self.config.ca_bundle = Some(path.into());
            self
        }

        /// Trusts the operating system's certificate store instead of the bundled Mozilla
        /// roots (exclusive with [`ca_bundle`](Self::ca_bundle)).
        pub fn system_trust_store(mut self, on: bool) -> Self {
            self.config.system_trust = on;
            self
        }

        /// Applies settings read from Python arguments.
        #[cfg(feature = "python")]
        pub(crate) fn settings(mut self, settings: crate::python::Settings) -> Self {
            settings.apply(&mut self.config);
            self
        }

        /// How a blocked call is stopped (the Python bindings pass a Ctrl-C check).
        #[cfg(feature = "python")]
        pub(crate) fn interrupt(mut self, interrupt: crate::transport::Interrupt) -> Self {
            self.config.interrupt = Some(interrupt);
            self
        }
    };
}
pub(crate) use config_setters;
