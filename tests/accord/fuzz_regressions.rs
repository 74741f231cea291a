//! Every input that once broke an invariant under the fuzzer (`fuzz/regressions/`), replayed.

#[test]
fn fuzz_regressions_hold() {
    let mut replayed = 0;
    for entry in std::fs::read_dir("fuzz/regressions/check").expect("the regression corpus") {
        let path = entry.expect("a directory entry").path();
        let data = std::fs::read(&path).expect("readable");
        let result = std::panic::catch_unwind(|| accord::invariants::check_bytes(&data));
        assert!(
            result.is_ok(),
            "{} breaks an invariant again",
            path.display()
        );
        replayed += 1;
    }
    assert!(replayed >= 1);
}
