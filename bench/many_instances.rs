//! The benchmark's big body, shared by bench/bench.rs and the `decode_cost` measurement in
//! tests/timestamps.rs (included by `#[path]` in both, so both decode the same bytes).

use serde_json::Value;

/// `count` instances: the examples in turn, each with its own id, name, port and volume ids
/// (bench/bench.py builds the same list).
pub fn many_instances(examples: &[Value], count: usize) -> Value {
    let list = (0..count)
        .map(|i| {
            let mut instance = examples[i % examples.len()].clone();
            let id = format!("{i:08x}-0000-4000-8000-{i:012x}");
            instance["id"] = Value::from(id.clone());
            instance["name"] = Value::from(format!("bench-instance-{i:05}"));
            if let Some(ports) = instance["ports"].as_array_mut() {
                for (j, port) in ports.iter_mut().enumerate() {
                    port["id"] = Value::from(format!("{i:08x}-{j:04x}-4000-9000-{i:012x}"));
                    port["device_id"] = Value::from(id.clone());
                }
            }
            if let Some(volumes) = instance["volumes"].as_array_mut() {
                for (j, volume) in volumes.iter_mut().enumerate() {
                    volume["id"] = Value::from(format!("{i:08x}-{j:04x}-4000-a000-{i:012x}"));
                    if volume["attachment"].is_object() {
                        volume["attachment"]["instance_id"] = Value::from(id.clone());
                    }
                }
            }
            instance
        })
        .collect();
    Value::Array(list)
}
