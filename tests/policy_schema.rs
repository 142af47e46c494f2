//! The JSON Schema of policy files: the committed copy is what `policy_schema` generates, and a
//! real validator (the `jsonschema` crate, draft-07) agrees with the loader on every bundled
//! example and every fixture of `schema/fixtures/`, as `schema/fixtures/invalid.toml` lists
//! them.

use std::path::{Path, PathBuf};

use capability::PolicyFile;
use serde_json::Value;

const HEADER: &str = "Checked by `capability check`, not by this schema:";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    serde_json::from_str(&capability::policy_schema()).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    let schema = schema();
    jsonschema::draft7::meta::validate(&schema).expect("the schema is a draft-07 schema");
    jsonschema::draft7::new(&schema).expect("the schema compiles")
}

/// The `.toml` files of `dir`, sorted.
fn tomls(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(workspace().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> (String, Value) {
    let text = std::fs::read_to_string(path).unwrap();
    let json = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (text, json)
}

/// The schema's complaints about `json`, one line each.
fn complaints(validator: &jsonschema::Validator, json: &Value) -> Vec<String> {
    validator
        .iter_errors(json)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The rules the top-level description lists as the loader's alone.
fn loader_only_rules() -> Vec<String> {
    let schema = schema();
    let description = schema["description"].as_str().unwrap();
    let (_, list) = description
        .split_once(HEADER)
        .expect("the description lists its rules");
    list.lines()
        .filter_map(|line| line.strip_prefix("- "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = workspace().join("schema/policy.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == capability::policy_schema(),
        "{} is not what `capability schema` prints; regenerate it with\n  \
         cargo run -q -p twilio-capability-cli -- schema > schema/policy.schema.json",
        path.display()
    );
}

#[test]
fn every_example_and_valid_fixture_passes_the_loader_and_the_schema() {
    let validator = validator();
    let mut files = tomls("examples/policies");
    assert!(files.len() >= 7, "{files:?}");
    let valid = tomls("schema/fixtures/valid");
    assert!(valid.len() >= 3, "{valid:?}");
    files.extend(valid);
    for path in files {
        let (text, json) = read(&path);
        assert!(
            text.starts_with("#:schema ../../")
                && text.lines().next().unwrap().ends_with(".schema.json"),
            "{}: the first line points an editor at the schema",
            path.display()
        );
        if let Err(e) = PolicyFile::from_toml_str(&text) {
            panic!("{}: the loader refuses it: {e}", path.display());
        }
        let found = complaints(&validator, &json);
        assert!(
            found.is_empty(),
            "{}: the schema refuses it: {found:#?}",
            path.display()
        );
    }
}

#[test]
fn every_valid_fixture_format_is_covered() {
    let formats: Vec<String> = tomls("schema/fixtures/valid")
        .iter()
        .map(|p| {
            PolicyFile::from_toml_str(&read(p).0)
                .unwrap()
                .format()
                .to_string()
        })
        .collect();
    for format in ["capability", "access-token", "taskrouter"] {
        assert!(
            formats.iter().any(|f| f == format),
            "no valid {format} fixture"
        );
    }
}

#[test]
fn every_invalid_fixture_is_refused_as_listed() {
    let validator = validator();
    let rules = loader_only_rules();
    assert!(!rules.is_empty());
    let list: Value = read(&workspace().join("schema/fixtures/invalid.toml")).1;
    let cases = list["case"].as_array().expect("[[case]] tables");
    let mut listed: Vec<&str> = Vec::new();
    let mut rules_seen: Vec<&str> = Vec::new();
    for case in cases {
        let file = case["file"].as_str().unwrap();
        let expected = case["loader"].as_str().unwrap();
        listed.push(file);
        let (text, json) = read(&workspace().join("schema/fixtures/invalid").join(file));
        let error = match PolicyFile::from_toml_str(&text) {
            Ok(_) => panic!("{file}: the loader accepts it"),
            Err(e) => e.to_string(),
        };
        let first = error.lines().next().unwrap_or("");
        assert_eq!(first, expected, "{file}: the loader's error");
        let found = complaints(&validator, &json);
        match case["schema"].as_str() {
            Some("flags") => {
                assert!(!found.is_empty(), "{file}: the schema passes it");
                assert!(
                    case.get("rule").is_none(),
                    "{file}: a flagged case names no rule"
                );
            }
            Some("passes") => {
                assert!(found.is_empty(), "{file}: the schema flags it: {found:#?}");
                let rule = case["rule"].as_str().expect("a passed case names its rule");
                assert!(
                    rules.iter().any(|r| r == rule),
                    "{file}: {rule:?} is not in the schema's description: {rules:#?}"
                );
                rules_seen.push(rule);
            }
            other => panic!("{file}: schema = {other:?}, expected \"flags\" or \"passes\""),
        }
    }
    for rule in &rules {
        assert!(
            rules_seen.contains(&rule.as_str()),
            "no fixture for the rule {rule:?}"
        );
    }
    let files: Vec<String> = tomls("schema/fixtures/invalid")
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), listed.len(), "a file listed twice");
    assert_eq!(
        sorted, files,
        "invalid.toml lists exactly the files of invalid/"
    );
}

#[test]
fn the_root_checks_through_its_branches_and_its_any_of_checks_nothing() {
    let schema = schema();
    let any_of = schema["anyOf"].as_array().unwrap();
    assert_eq!(any_of.last(), Some(&serde_json::json!({})));
    // `format` picks the branch: access-token, then taskrouter, else capability.
    let mut branch = &schema;
    for format in ["access-token", "taskrouter"] {
        assert_eq!(branch["if"]["properties"]["format"]["const"], format);
        assert_eq!(
            branch["then"]["$ref"],
            format!("#/definitions/{format}").as_str()
        );
        branch = &branch["else"];
    }
    assert_eq!(branch["$ref"], "#/definitions/capability");
    for format in ["capability", "access-token", "taskrouter"] {
        let target = format!("#/definitions/{format}");
        assert!(
            any_of.iter().any(|b| b["$ref"] == target.as_str()),
            "{format}"
        );
    }
    // No table hides its keys from taplo in an allOf.
    assert!(!capability::policy_schema().contains("\"allOf\""));
}

#[test]
fn a_root_schema_key_is_refused_and_the_directive_is_a_comment() {
    let directive =
        "#:schema ../../schema/policy.schema.json\n[incoming]\nclient_name = \"alice\"\n";
    assert!(PolicyFile::from_toml_str(directive).is_ok());
    let key = "\"$schema\" = \"policy.schema.json\"\n[incoming]\nclient_name = \"alice\"\n";
    let error = PolicyFile::from_toml_str(key).unwrap_err().to_string();
    assert!(
        error.starts_with("1:1: unknown key `$schema` in the policy"),
        "{error}"
    );
    let json: Value = toml::from_str(key).unwrap();
    assert!(!validator().is_valid(&json));
}

/// The table a header line opens, as its path of keys: `[voice.outgoing]`, `[[policy]]`.
fn header(line: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix('[')?.trim_end().strip_suffix(']')?;
    let inner = inner.trim_start_matches('[').trim_end_matches(']');
    Some(inner.split('.').map(str::to_owned).collect())
}

/// The schema of the table at `path` in the branch of `format`.
fn table_at<'s>(schema: &'s Value, format: &str, path: &[String]) -> &'s Value {
    let mut node = &schema["definitions"][format];
    for key in path {
        node = &node["properties"][key];
        if let Some(items) = node.get("items") {
            node = items;
        }
    }
    node
}

#[test]
fn every_required_key_and_every_unknown_key_is_refused_by_both() {
    let schema = schema();
    let validator = validator();
    let mut checked = (0, 0);
    for path in tomls("schema/fixtures/valid") {
        let (text, _) = read(&path);
        let format = PolicyFile::from_toml_str(&text)
            .unwrap()
            .format()
            .to_string();
        let lines: Vec<&str> = text.lines().collect();
        let refused_by_both = |edited: &str, what: &str| {
            let name = path.display();
            assert!(
                PolicyFile::from_toml_str(edited).is_err(),
                "{name}: the loader accepts {what}"
            );
            let json: Value = toml::from_str(edited).unwrap();
            assert!(
                !validator.is_valid(&json),
                "{name}: the schema passes {what}"
            );
        };
        // An unknown key in the root (after the directive) and in every table.
        let mut table: Vec<String> = Vec::new();
        let mut opened = vec![(0, Vec::new())];
        for (i, line) in lines.iter().enumerate() {
            if let Some(path) = header(line) {
                opened.push((i + 1, path));
            }
        }
        for (at, table_path) in &opened {
            let mut edited = lines.clone();
            edited.insert(*at + usize::from(*at == 0), "zz_unknown = true");
            refused_by_both(
                &(edited.join("\n") + "\n"),
                &format!("an unknown key in {table_path:?}"),
            );
            checked.0 += 1;
        }
        // Every required key, taken out of its table.
        for (i, line) in lines.iter().enumerate() {
            if let Some(path) = header(line) {
                table = path;
                continue;
            }
            let Some((key, _)) = line.split_once(" = ") else {
                continue;
            };
            if key.starts_with('#') || key.contains(' ') {
                continue;
            }
            let required = table_at(&schema, &format, &table)["required"].as_array();
            if !required.is_some_and(|r| r.iter().any(|k| k == key)) {
                continue;
            }
            let mut edited = lines.clone();
            edited.remove(i);
            refused_by_both(
                &(edited.join("\n") + "\n"),
                &format!("{table:?} without `{key}`"),
            );
            checked.1 += 1;
        }
    }
    assert!(checked.0 >= 20 && checked.1 >= 10, "{checked:?}");
}
