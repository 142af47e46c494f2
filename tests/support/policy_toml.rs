//! Policy files written from the vectors' inputs, shared by the library's and the CLI's tests
//! (the CLI's include this file by path).
#![allow(dead_code)] // each test binary uses a different part

use serde_json::Value;

/// A TOML basic string: JSON's escapes are TOML's, but TOML also escapes DEL.
pub fn quote(text: &str) -> String {
    serde_json::to_string(text)
        .expect("a string serializes")
        .replace('\u{7f}', "\\u007F")
}

/// `{ "k" = "v", … }` from `[[k, v], …]`.
pub fn inline_pairs(pairs: &Value) -> String {
    let items: Vec<String> = pairs
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    let k = p[0].as_str().expect("key");
                    let v = p[1].as_str().expect("value");
                    format!("{} = {}", quote(k), quote(v))
                })
                .collect()
        })
        .unwrap_or_default();
    format!("{{ {} }}", items.join(", "))
}

/// An access vector's input as an access-token policy file, with every value literal except
/// those named in `inputs`, which become `{ input = "NAME" }` (NAME the key's path, with `_`
/// for `.`).
pub fn access_policy_toml(input: &Value, inputs: &[&str]) -> String {
    let value = |path: &str, text: &Value| {
        if inputs.contains(&path) {
            format!("{{ input = \"{}\" }}", path.replace('.', "_"))
        } else {
            quote(text.as_str().expect("a string"))
        }
    };
    let mut toml = String::from("format = \"access-token\"\n");
    toml.push_str(&format!(
        "identity = {}\n",
        value("identity", &input["identity"])
    ));
    if let Some(ttl) = input.get("ttl") {
        toml.push_str(&format!("ttl = {ttl}\n"));
    }
    if let Some(region) = input.get("region") {
        toml.push_str(&format!("region = {}\n", value("region", region)));
    }
    let grants = &input["grants"];
    if let Some(v) = grants.get("voice") {
        toml.push_str("[voice]\n");
        if v["incoming"] == true {
            toml.push_str("incoming = true\n");
        }
        for key in ["push_credential_sid", "endpoint_id"] {
            if let Some(text) = v.get(key) {
                toml.push_str(&format!(
                    "{key} = {}\n",
                    value(&format!("voice.{key}"), text)
                ));
            }
        }
        if let Some(out) = v.get("outgoing") {
            // As a sub-table, which is the same as an inline `outgoing = { … }`.
            toml.push_str("[voice.outgoing]\n");
            let sid = value("voice.outgoing.application_sid", &out["application_sid"]);
            toml.push_str(&format!("application_sid = {sid}\n"));
            if out.get("params").is_some() {
                toml.push_str(&format!("params = {}\n", inline_pairs(&out["params"])));
            }
        }
    }
    for (grant, table) in [
        ("video", "video"),
        ("chat", "chat"),
        ("sync", "sync"),
        ("task_router", "task_router"),
    ] {
        if let Some(fields) = grants.get(grant).and_then(Value::as_object) {
            toml.push_str(&format!("[{table}]\n"));
            for (key, text) in fields {
                toml.push_str(&format!(
                    "{key} = {}\n",
                    value(&format!("{grant}.{key}"), text)
                ));
            }
        }
    }
    toml
}

/// A vector's input as a policy file.
pub fn policy_toml(input: &Value) -> String {
    let mut toml = String::new();
    if let Some(ttl) = input.get("ttl") {
        toml.push_str(&format!("ttl = {ttl}\n"));
    }
    if let Some(names) = input.get("incoming").and_then(Value::as_array) {
        let names: Vec<String> = names
            .iter()
            .map(|n| quote(n.as_str().expect("name")))
            .collect();
        toml.push_str(&format!(
            "[incoming]\nclient_name = [{}]\n",
            names.join(", ")
        ));
    }
    if let Some(out) = input.get("outgoing") {
        toml.push_str("[outgoing]\n");
        let sid = out["application_sid"].as_str().expect("sid");
        toml.push_str(&format!("application_sid = {}\n", quote(sid)));
        if let Some(params) = out.get("params") {
            toml.push_str(&format!("params = {}\n", inline_pairs(params)));
        }
    }
    if let Some(filters) = input.get("event_stream") {
        toml.push_str("[event_stream]\n");
        if filters.as_array().is_some_and(|f| !f.is_empty()) {
            toml.push_str(&format!("filters = {}\n", inline_pairs(filters)));
        }
    }
    toml
}

/// A TaskRouter vector's input as a policy file; the SIDs named in `inputs` (`workspace_sid`,
/// `sid`) become `{ input = "NAME" }`.
pub fn taskrouter_policy_toml(input: &Value, inputs: &[&str]) -> String {
    let value = |name: &str, text: &Value| {
        if inputs.contains(&name) {
            format!("{{ input = \"{name}\" }}")
        } else {
            quote(text.as_str().expect("a string"))
        }
    };
    let mut toml = String::from("format = \"taskrouter\"\n");
    toml.push_str(&format!(
        "workspace_sid = {}\n",
        value("workspace_sid", &input["workspace_sid"])
    ));
    if let Some(ttl) = input.get("ttl") {
        toml.push_str(&format!("ttl = {ttl}\n"));
    }
    match input["type"].as_str().expect("a type") {
        "worker" => {
            toml.push_str(&format!(
                "[worker]\nsid = {}\n",
                value("sid", &input["worker_sid"])
            ));
        }
        "taskqueue" => {
            toml.push_str(&format!(
                "[task_queue]\nsid = {}\n",
                value("sid", &input["taskqueue_sid"])
            ));
        }
        _ => toml.push_str("[workspace]\n"),
    }
    for option in input["allow"].as_array().into_iter().flatten() {
        toml.push_str(&format!("{} = true\n", option.as_str().expect("an option")));
    }
    for policy in input["policies"].as_array().into_iter().flatten() {
        toml.push_str("[[policy]]\n");
        toml.push_str(&format!(
            "url = {}\n",
            quote(policy["url"].as_str().expect("a url"))
        ));
        toml.push_str(&format!(
            "method = {}\n",
            quote(policy["method"].as_str().expect("a method"))
        ));
        if let Some(allow) = policy.get("allow") {
            toml.push_str(&format!("allow = {allow}\n"));
        }
        for key in ["query_filter", "post_filter"] {
            if let Some(filter) = policy.get(key).and_then(Value::as_object) {
                let items: Vec<String> = filter
                    .iter()
                    .map(|(k, v)| format!("{} = {{ required = {} }}", quote(k), v["required"]))
                    .collect();
                toml.push_str(&format!("{key} = {{ {} }}\n", items.join(", ")));
            }
        }
    }
    toml
}
