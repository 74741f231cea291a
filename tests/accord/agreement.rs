//! The schema and the Rust types accept the same documents: near-miss variants of every data
//! file (a field removed, an unknown field added, a value swapped for one of another type, an
//! invalid enum or id, `null`, an empty list or a number out of range) get the same verdict from
//! the exported schema and from deserializing into the types. `properties` does the same over
//! generated documents.

use accord::model::DataFile;
use serde::Deserialize;
use serde_json::Value;

#[test]
fn schema_and_types_agree_on_near_misses() {
    let validator = accord::validate::SchemaValidator::new().expect("the schema compiles");
    let schema = accord::schema::data_file_schema();
    let compiled = jsonschema::validator_for(&schema).expect("compiles");
    let (files, _) =
        accord::files::discover(&["data".into(), "tests/fixtures/valid".into()]).expect("exists");
    let mut rng = crate::Rng(0xacc0);
    let (mut variants, mut rejected) = (0, 0);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let value = accord::yaml::parse(&text, &Default::default())
            .0
            .value
            .expect("a document");
        let mut pointers = Vec::new();
        crate::objects(&value, String::new(), &mut pointers);
        for _ in 0..40 {
            let mut variant = value.clone();
            let pointer = &pointers[rng.below(pointers.len())];
            let Some(Value::Object(map)) = variant.pointer_mut(pointer) else {
                continue;
            };
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = keys.get(rng.below(keys.len())).cloned().unwrap_or_default();
            match rng.below(8) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert("not_a_field".into(), Value::String("x".into()));
                }
                2 => {
                    map.insert(key, Value::String("not_a_value".into()));
                }
                3 => {
                    map.insert(key, Value::String("Not An Id!".into()));
                }
                4 => {
                    map.insert(key, Value::Null);
                }
                5 => {
                    map.insert(key, Value::Array(Vec::new()));
                }
                6 => {
                    map.insert(key, Value::from(-1));
                }
                _ => {
                    map.insert(key, Value::from(7));
                }
            }
            let schema_says = compiled.is_valid(&variant);
            let types_say = DataFile::deserialize(&variant).is_ok();
            assert_eq!(
                schema_says,
                types_say,
                "{}: the schema says {schema_says}, the types say {types_say}, after changing {pointer}:\n{}",
                path.display(),
                serde_json::to_string_pretty(&variant).unwrap_or_default()
            );
            variants += 1;
            rejected += usize::from(!schema_says);
        }
    }
    // accord's own validator answers as the plain compiled schema does.
    assert!(validator.validate(&Value::Null, &|_| None).len() == 1);
    assert!(
        variants > 200 && rejected > variants / 3,
        "{rejected} of {variants} variants rejected"
    );
}
