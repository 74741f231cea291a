//! Every input that once broke an invariant under the fuzzer (`fuzz/regressions/`), replayed.

#[test]
fn fuzz_regressions_hold() {
    let mut paths: Vec<_> = std::fs::read_dir("fuzz/regressions/check")
        .expect("the regression corpus")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    let mut broken = Vec::new();
    for path in &paths {
        let data = std::fs::read(path).expect("readable");
        if let Err(payload) = std::panic::catch_unwind(|| accord::invariants::check_bytes(&data)) {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            broken.push(format!("{}: {message}", path.display()));
        }
    }
    assert!(!paths.is_empty());
    assert!(
        broken.is_empty(),
        "{} of {} inputs break an invariant again:\n{}",
        broken.len(),
        paths.len(),
        broken.join("\n")
    );
}
