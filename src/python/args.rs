//! Binding one Python call's arguments to an operation's declared parameters.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::convert::{
    body_from_value, describe_serde_error, is_not_given, path_int, path_str, py_str, py_to_json,
};
use super::errors::{invalid, to_pyerr};
use super::models::py_quote;
use crate::error::Error;

/// The arguments of one Python call, bound to an operation's declared parameters: the path
/// parameters, then the positional body fields (or the one whole-body argument), then the
/// keyword-only body fields. Read in that order with [`Args::str`], [`Args::int`],
/// [`Args::body`] and [`Args::value`].
pub(crate) struct Args<'py> {
    info: &'static crate::operation::OperationInfo,
    /// One slot per parameter, in declaration order; `None` where nothing was given.
    slots: Vec<Option<Bound<'py, PyAny>>>,
    next: usize,
}

impl<'py> Args<'py> {
    /// Binds `args` and `kwargs` like Python binds a call to
    /// `op(path..., required..., *, optional=NOT_GIVEN...)`, raising `InvalidArgumentError`
    /// (a `TypeError`) for a missing, repeated or unknown argument.
    pub(crate) fn bind(
        info: &'static crate::operation::OperationInfo,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Args<'py>> {
        let positional = info.path_params.len() + info.positional.len();
        let keyword_only = info
            .body_fields
            .iter()
            .filter(|f| !info.positional.contains(f))
            .count();
        let mut slots: Vec<Option<Bound<'py, PyAny>>> = vec![None; positional + keyword_only];
        let name = |i: usize| -> &'static str {
            if i < info.path_params.len() {
                info.path_params[i]
            } else if i < positional {
                info.positional[i - info.path_params.len()]
            } else {
                info.body_fields
                    .iter()
                    .filter(|f| !info.positional.contains(f))
                    .nth(i - positional)
                    .copied()
                    .unwrap_or_default()
            }
        };
        let call = || format!("{}.{}()", info.handler, info.name);
        if args.len() > positional {
            return Err(invalid(format!(
                "{} takes {positional} positional argument{} but {} were given (the other parameters are keyword-only)",
                call(),
                if positional == 1 { "" } else { "s" },
                args.len()
            )));
        }
        for (i, value) in args.iter().enumerate() {
            slots[i] = Some(value);
        }
        if let Some(kwargs) = kwargs {
            for (key, value) in kwargs.iter() {
                let key = key
                    .cast::<PyString>()
                    .map_err(|_| invalid(format!("{}: keywords must be strings", call())))?;
                let key = py_str(key, &call())?;
                let Some(i) = (0..slots.len()).find(|&i| name(i) == key) else {
                    return Err(invalid(format!(
                        "{} got an unexpected keyword argument {}; it takes {}",
                        call(),
                        py_quote(&key),
                        (0..slots.len()).map(name).collect::<Vec<_>>().join(", ")
                    )));
                };
                if slots[i].is_some() {
                    return Err(invalid(format!(
                        "{} got multiple values for argument {}",
                        call(),
                        py_quote(&key)
                    )));
                }
                slots[i] = Some(value);
            }
        }
        let missing: Vec<&str> = (0..positional)
            .filter(|&i| slots[i].is_none())
            .map(name)
            .collect();
        if !missing.is_empty() {
            return Err(invalid(format!(
                "{} missing required argument{}: {}",
                call(),
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            )));
        }
        Ok(Args {
            info,
            slots,
            next: 0,
        })
    }

    fn take(&mut self) -> (&'static str, Bound<'py, PyAny>) {
        let i = self.next;
        self.next += 1;
        let name = self.info.path_params.get(i).copied().unwrap_or_default();
        let value = self.slots[i]
            .take()
            .expect("bind() checked that every positional parameter is present");
        (name, value)
    }

    fn operation(&self) -> String {
        format!("{}.{}()", self.info.handler, self.info.name)
    }

    /// The next path parameter, a `str`.
    pub(crate) fn str(&mut self) -> PyResult<String> {
        let (name, value) = self.take();
        path_str(&self.operation(), name, &value)
    }

    /// The next path parameter, a non-negative `int`.
    pub(crate) fn int(&mut self) -> PyResult<u64> {
        let (name, value) = self.take();
        path_int(&self.operation(), name, &value)
    }

    /// The request body from the remaining (body field) slots; `NOT_GIVEN` and absent ones
    /// are left out.
    pub(crate) fn body<T: DeserializeOwned>(&mut self) -> PyResult<T> {
        let operation = self.operation();
        let fields = self.info.positional.iter().chain(
            self.info
                .body_fields
                .iter()
                .filter(|f| !self.info.positional.contains(f)),
        );
        let mut map = Map::new();
        for (field, slot) in fields.zip(self.slots[self.next..].iter()) {
            if let Some(value) = slot {
                if !is_not_given(value)? {
                    map.insert((*field).to_owned(), py_to_json(value, field)?);
                }
            }
        }
        serde_path_to_error::deserialize(Value::Object(map)).map_err(|e| {
            let path = e.path().to_string();
            to_pyerr(Error::InvalidArgument(format!(
                "{operation}: {path}: {}",
                describe_serde_error(&path, &e.inner().to_string())
            )))
        })
    }

    /// The one argument that is the whole body.
    pub(crate) fn value<T: DeserializeOwned>(&mut self) -> PyResult<T> {
        let operation = self.operation();
        let name = self.info.positional.first().copied().unwrap_or("body");
        let value = self.slots[self.next]
            .take()
            .expect("bind() checked that every positional parameter is present");
        self.next += 1;
        body_from_value(&operation, name, &value)
    }
}
