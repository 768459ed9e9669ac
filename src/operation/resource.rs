//! `resource!`: one handler's operations and waiters, and the Rust method of each.

/// Declares one resource: its Rust handler (borrowing the client) with one method per
/// operation, the Python class with the same methods, and the list of its operations.
///
/// Each operation reads
/// `fn NAME(PATH_PARAM: str|int, ... [; BODY [in "wrapper"] [POSITIONAL, ...]]) [action "key"] -> RESULT = METHOD "path/{}" => json|empty|field("key");`
/// where positional names are the body fields Python takes positionally (the required ones).
/// An optional `waiters { ... }` block after the header declares the handler's waiters, which
/// poll `get` until the object's state field reaches a value (or a failure state, or a
/// timeout), or until the object is gone; it expands to the Rust methods and their Python twins.
macro_rules! resource {
    (
        $(#$hattr:tt)*
        pub struct $handler:ident in $pymod:literal;
        waiters {
            resource $res:literal;
            object $obj:ident . $field:ident;
            args ($idp:ident, $statep:ident);
            failure_states [$($fail:literal),*];
            gone_states [$($gone:literal),*];
            fn $wait:ident, $wait_all:ident, $wait_gone:ident;
        }
        $($ops:tt)*
    ) => {
        crate::operation::resource!(@handler [$(#$hattr)*] $handler $pymod);
        impl $handler<'_> {
            /// The handler's waiters, as declared.
            pub const WAITER: Option<crate::operation::WaiterInfo> = Some(crate::operation::WaiterInfo {
                resource: $res,
                object: stringify!($obj),
                state_field: stringify!($field),
                id_param: stringify!($idp),
                state_param: stringify!($statep),
                wait: stringify!($wait),
                wait_gone: stringify!($wait_gone),
                failure_states: &[$($fail),*],
                gone_states: &[$($gone),*],
            });
        }
        crate::operation::resource!(@munch $handler
            [waiters $res $obj $field $idp $statep [$($fail),*] [$($gone),*] $wait $wait_all $wait_gone]
            {
            [
                #[doc = concat!(" Polls the ", $res, " until its `", stringify!($field), "` equals `", stringify!($statep), "`, and returns it.")]
                #[doc = ""]
                #[doc = concat!(" Stops early with [`Error::WaitFailed`](crate::Error::WaitFailed) when it reaches a failure state (one of `", stringify!([$($fail),*]), "`), and with [`Error::WaitTimeout`](crate::Error::WaitTimeout), naming the last state seen, when `options.timeout` runs out.")]
                pub fn $wait(&self, $idp: &str, $statep: &str, options: &crate::WaitOptions) -> crate::Result<$obj> {
                    self.waiter(options).until_state($idp, $statep, &[$($fail),*], |id| self.get(id), |o| o.$field.to_string())
                }

                #[doc = concat!(" [`", stringify!($wait), "`](Self::", stringify!($wait), ") for several ", $res, "s at once, polled in rounds: returns them in the order given, or [`Error::WaitMany`](crate::Error::WaitMany) listing every one that failed or timed out.")]
                pub fn $wait_all(&self, ids: &[&str], $statep: &str, options: &crate::WaitOptions) -> crate::Result<Vec<$obj>> {
                    self.waiter(options).until_state_all(ids, $statep, &[$($fail),*], |id| self.get(id), |o| o.$field.to_string())
                }

                #[doc = concat!(" Polls until the ", $res, " is gone (`get` answers 404", $(", or its state is `", $gone, "`",)* "), e.g. after `delete`.")]
                pub fn $wait_gone(&self, $idp: &str, options: &crate::WaitOptions) -> crate::Result<()> {
                    self.waiter(options).until_gone($idp, &[$($gone),*], |id| self.get(id), |o| o.$field.to_string())
                }

                fn waiter(&self, options: &crate::WaitOptions) -> crate::waiter::Waiter<'_> {
                    crate::waiter::Waiter { transport: self.transport, resource: $res, options: options.clone() }
                }
            ]
            []
            []
            }
            $($ops)*
        );
    };
    (
        $(#$hattr:tt)*
        pub struct $handler:ident in $pymod:literal;
        $($ops:tt)*
    ) => {
        crate::operation::resource!(@handler [$(#$hattr)*] $handler $pymod);
        impl $handler<'_> {
            /// The handler's waiters, as declared: none.
            pub const WAITER: Option<crate::operation::WaiterInfo> = None;
        }
        crate::operation::resource!(@munch $handler [] { [] [] [] } $($ops)*);
    };

    // The handler struct (and, with the `python` feature, its Python class).
    (@handler [$(#$hattr:tt)*] $handler:ident $pymod:literal) => {
        $(#$hattr)*
        #[derive(Debug, Clone, Copy)]
        pub struct $handler<'a> {
            transport: &'a crate::transport::Transport,
        }

        impl $handler<'_> {
            /// The handler's doc comment.
            pub const DOC: &'static str = crate::operation::doc_text!($(#$hattr)*);
        }

        impl<'a> $handler<'a> {
            pub(crate) fn new(transport: &'a crate::transport::Transport) -> Self {
                Self { transport }
            }
        }

        #[cfg(feature = "python")]
        crate::python::handler_class!($handler $pymod);
    };

    // One operation: its header is read here; the part after `;` in the parameter list (the
    // body, if any) decides its kind in `@kind`.
    (@munch $h:ident $w:tt $acc:tt
        $(#[doc = $doc:literal])*
        fn $op:ident ( $($pp:ident : $pk:ident),* $(; $($body:tt)+)? ) $(action $action:literal)? -> $rt:tt $(<$inner:ident>)? = $method:ident $path:literal => $dec:ident $(($dkey:literal))?;
        $($rest:tt)*
    ) => {
        crate::operation::resource!(@kind $h $w $acc
            { [$($doc)*] $op [$($pp : $pk),*] [$rt $(<$inner>)?] $method $path [$dec $(($dkey))?] }
            [$($($body)+)?] [$($action)?]
            $($rest)*
        );
    };

    // The kinds of operation: no body, an instance action (`{"<key>": null}`), one argument
    // that is the whole body, or a request struct whose fields become the parameters (asked
    // of the struct's companion macro, which answers with `@with_fields`).
    (@kind $h:ident $w:tt $acc:tt $opd:tt [] [] $($rest:tt)*) => {
        crate::operation::resource!(@emit $h $w $acc $opd { none } $($rest)*);
    };
    (@kind $h:ident $w:tt $acc:tt $opd:tt [] [$action:literal] $($rest:tt)*) => {
        crate::operation::resource!(@emit $h $w $acc $opd { action $action } $($rest)*);
    };
    (@kind $h:ident $w:tt $acc:tt $opd:tt [body $arg:ident : $bty:ty] [] $($rest:tt)*) => {
        crate::operation::resource!(@emit $h $w $acc $opd { value $arg : $bty } $($rest)*);
    };
    (@kind $h:ident $w:tt $acc:tt $opd:tt [$b:ident $(in $wrap:literal)?] [] $($rest:tt)*) => {
        $b! { { @fields $h $w $acc $opd $b [$($wrap)?] $($rest)* } }
    };
    (@with_fields $req:tt $opt:tt @fields $h:ident $w:tt $acc:tt $opd:tt $b:ident $wrap:tt $($rest:tt)*) => {
        crate::operation::resource!(@emit $h $w $acc $opd { fields $b $wrap $req $opt } $($rest)*);
    };

    // Adds one operation to the three lists: Rust methods, Python methods (as declarations,
    // expanded by `crate::python::handler_methods!`), `OperationInfo`s.
    (@emit $h:ident $w:tt { [$($rust:tt)*] [$($py:tt)*] [$($info:tt)*] }
        { [$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] }
        $kind:tt
        $($rest:tt)*
    ) => {
        crate::operation::resource!(@munch $h $w {
            [$($rust)*
                crate::operation::rust_op! { [$($doc)*] $op [$($pp : $pk),*] [$($ret)*] $method $path [$($dec)*] $kind }
            ]
            [$($py)*
                { [$($doc)*] $op [$($pp : $pk),*] [$($ret)*] $method $path $kind }
            ]
            [$($info)* crate::operation::op_info!($h $op [$($doc)*] [$($pp : $pk),*] [$($ret)*] $method $path $kind),]
        } $($rest)*);
    };

    // All operations read: emit the impl blocks.
    (@munch $h:ident $w:tt { [$($rust:tt)*] [$($py:tt)*] [$($info:tt)*] }) => {
        impl<'a> $h<'a> {
            /// Every operation of this handler: name, HTTP method, path template, parameters
            /// and docs.
            pub const OPERATIONS: &'static [crate::operation::OperationInfo] = &[$($info)*];

            $($rust)*
        }

        #[cfg(feature = "python")]
        crate::python::handler_methods! { $h $w $($py)* }
    };
}
pub(crate) use resource;

/// The Rust method of one operation (see [`resource!`]).
macro_rules! rust_op {
    ([$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] { none }) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!(" HTTP: `", stringify!($method), " ", $path, "`.")]
        pub fn $op(&self, $($pp: crate::operation::rty!($pk)),*) -> crate::Result<$($ret)*> {
            let path = format!($path, $(crate::transport::encode_segment(stringify!($pp), &$pp)?),*);
            self.transport.call(ureq::http::Method::$method, &path, None, crate::operation::decoder!([$($ret)*] $($dec)*))
        }
    };
    ([$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] { action $action:literal }) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!(" HTTP: `", stringify!($method), " ", $path, "` with the body `{\"", $action, "\": null}`.")]
        pub fn $op(&self, $($pp: crate::operation::rty!($pk)),*) -> crate::Result<$($ret)*> {
            let path = format!($path, $(crate::transport::encode_segment(stringify!($pp), &$pp)?),*);
            // Only the key matters to the server; its value is null.
            let body = concat!("{\"", $action, "\":null}").as_bytes().to_vec();
            self.transport.call(ureq::http::Method::$method, &path, Some(body), crate::operation::decoder!([$($ret)*] $($dec)*))
        }
    };
    ([$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] { value $arg:ident : $bty:ty }) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!(" HTTP: `", stringify!($method), " ", $path, "`, with `", stringify!($arg), "` as the JSON body.")]
        pub fn $op(&self, $($pp: crate::operation::rty!($pk),)* $arg: &$bty) -> crate::Result<$($ret)*> {
            let path = format!($path, $(crate::transport::encode_segment(stringify!($pp), &$pp)?),*);
            let bytes = crate::operation::encode_body(None, $arg)?;
            self.transport.call(ureq::http::Method::$method, &path, Some(bytes), crate::operation::decoder!([$($ret)*] $($dec)*))
        }
    };
    ([$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] { fields $b:ident [$($wrap:literal)?] $req:tt $opt:tt }) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!(" HTTP: `", stringify!($method), " ", $path, "`, with [`", stringify!($b), "`] as the JSON body", $(" inside `{\"", $wrap, "\": ...}`",)? "; its fields are the operation's parameters.")]
        pub fn $op(&self, $($pp: crate::operation::rty!($pk),)* body: &$b) -> crate::Result<$($ret)*> {
            let path = format!($path, $(crate::transport::encode_segment(stringify!($pp), &$pp)?),*);
            let bytes = crate::operation::encode_body(crate::operation::wrap!($($wrap)?), body)?;
            self.transport.call(ureq::http::Method::$method, &path, Some(bytes), crate::operation::decoder!([$($ret)*] $($dec)*))
        }
    };
}
pub(crate) use rust_op;

/// The `OperationInfo` of one operation (see [`resource!`]).
macro_rules! op_info {
    ($h:ident $op:ident [$($doc:literal)*] [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal { $($kind:tt)* }) => {
        crate::operation::OperationInfo {
            handler: stringify!($h),
            name: stringify!($op),
            method: stringify!($method),
            path: $path,
            path_params: &[$(stringify!($pp)),*],
            path_kinds: &[$(stringify!($pk)),*],
            positional: crate::operation::op_info!(@positional $($kind)*),
            body_fields: crate::operation::op_info!(@fields $($kind)*),
            body: crate::operation::op_info!(@body $($kind)*),
            doc: concat!($($doc, "\n",)*),
            returns: crate::operation::py_type!($($ret)*),
        }
    };
    (@positional fields $b:ident $wrap:tt [$( [$($rattr:tt)*] $req:ident, )*] $opt:tt) => { &[$(crate::operation::py_name!($req)),*] };
    (@positional value $arg:ident : $bty:ty) => { &[stringify!($arg)] };
    (@positional $($other:tt)*) => { &[] };
    (@fields fields $b:ident $($rest:tt)*) => { $b::FIELDS };
    (@fields $($other:tt)*) => { &[] };
    (@body none) => { crate::operation::BodyInfo::None };
    (@body action $action:literal) => { crate::operation::BodyInfo::Action { key: $action } };
    (@body value $arg:ident : $bty:ty) => { crate::operation::BodyInfo::Value { name: stringify!($arg), rust_type: stringify!($bty) } };
    (@body fields $b:ident [$($wrap:literal)?] $req:tt $opt:tt) => {
        crate::operation::BodyInfo::Fields { name: stringify!($b), wrapper: crate::operation::wrap!($($wrap)?), fields: $b::FIELD_INFO }
    };
}
pub(crate) use op_info;

/// The Rust type of a path parameter: `str` or `int` (Tavu's integer IDs).
macro_rules! rty {
    (str) => {
        &str
    };
    (int) => {
        u64
    };
}
pub(crate) use rty;

/// The wrapper key of a body, if any.
macro_rules! wrap {
    () => {
        None
    };
    ($w:literal) => {
        Some($w)
    };
}
pub(crate) use wrap;

/// How a success body is read: `json` into the result type, `empty` (ignored), or
/// `field("key")` out of a small object.
macro_rules! decoder {
    ([Vec<$t:ident>] json) => { crate::transport::decode_list::<$t> };
    ([$($ret:tt)*] json) => { crate::transport::decode_body::<$($ret)*> };
    ([$($ret:tt)*] empty) => { crate::transport::decode_empty };
    ([$($ret:tt)*] field($k:literal)) => { crate::transport::decode_field::<$($ret)*>($k) };
}
pub(crate) use decoder;
