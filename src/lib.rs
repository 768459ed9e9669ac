//! # vpsclient
//!
//! Typed, blocking clients for two cloud providers' REST APIs, usable from Rust and, through the
//! same code compiled as an extension module, from Python:
//!
//! - [`TavuClient`] drives the [Tavu.io VPS API](tavu): instances, volumes, networks, firewalls,
//!   routers, security groups, floating IPs and more.
//! - [`JoviamClient`] drives the [Joviam API](joviam): instances, disks, templates, IP
//!   addresses, networks, public keys, console sessions, regions and performance tiers.
//!
//! Resources hang off the client as methods returning a handler; every operation is one method
//! taking its path parameters and, where the API takes a body, a request struct:
//!
//! ```no_run
//! use vpsclient::TavuClient;
//! use vpsclient::tavu::CreateVolume;
//!
//! let tavu = TavuClient::from_env()?; // TAVU_API_KEY, TAVU_TEAM_ID
//! let volume = tavu.volumes().create(&CreateVolume::new(10u64, "data"))?;
//! tavu.volumes().attach(&volume.id, &vpsclient::tavu::AttachVolume::new("instance-id"))?;
//! # Ok::<_, vpsclient::Error>(())
//! ```
//!
//! The Joviam client works the same way:
//!
//! ```no_run
//! use vpsclient::JoviamClient;
//! use vpsclient::joviam::ResizeDisk;
//!
//! let joviam = JoviamClient::from_env()?; // JOVIAM_TOKEN
//! for disk in joviam.disks().list()? {
//!     println!("{} {} GB {}", disk.name, disk.size, disk.state);
//! }
//! joviam.disks().resize("dc2706a0-52ce-de25-ff5a-0d15acd34c51", &ResizeDisk::new(200u64))?;
//! # Ok::<_, vpsclient::Error>(())
//! ```
//!
//! Every failure is a [`Error`]: API errors carry the status, method, URL, the provider's code,
//! message and details, and never the credential. Each client keeps one connection pool, times
//! every request out (30 s by default) and retries only when repeating a request is safe.
//! Handlers of asynchronous objects have waiters (`wait_for_status`, `wait_for_state`,
//! `wait_for_deletion`) taking [`WaitOptions`].
//!
//! The `sandbox` feature adds `sandbox::Sandbox`, a local simulator of both APIs to run the
//! clients against without an account or a network.
//!
//! The `python` feature builds the Python module `vpsclient._native`; Rust users leave it off
//! and compile no Python bindings.

#![warn(missing_docs)]

mod error;
mod lenient;
mod nullable;
mod operation;
#[cfg(feature = "python")]
mod python;
mod timestamp;
mod transport;
mod waiter;

pub mod joviam;
pub mod tavu;
pub mod topology;

#[cfg(feature = "sandbox")]
pub mod sandbox;

pub use error::{ApiError, DecodeError, Error, Result};
pub use joviam::JoviamClient;
pub use nullable::Nullable;
pub use operation::{
    BodyInfo, Declarations, EnumInfo, Extra, FieldInfo, ModelInfo, OperationInfo, ResourceInfo,
    WaiterInfo,
};
pub use tavu::TavuClient;
pub use timestamp::Timestamp;
pub use topology::Topology;
pub use transport::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_POOL_SIZE,
    DEFAULT_TIMEOUT,
};
pub use waiter::WaitOptions;

/// The README's Rust examples, compiled as doctests so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
