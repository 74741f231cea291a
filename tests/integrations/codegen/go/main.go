// Reads an `accord export` document into the types quicktype generated from the export schema
// (AccordDatasetExport, in a file run.sh puts beside this one), and writes it back with their
// Marshal method: `roundtrip IN OUT`. Fields the types do not know are an error, not dropped.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: roundtrip IN OUT")
		os.Exit(2)
	}
	in, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	decoder := json.NewDecoder(bytes.NewReader(in))
	decoder.DisallowUnknownFields()
	var export AccordDatasetExport
	if err := decoder.Decode(&export); err != nil {
		fail(fmt.Errorf("unmarshal %s: %w", os.Args[1], err))
	}
	out, err := export.Marshal()
	if err != nil {
		fail(fmt.Errorf("marshal: %w", err))
	}
	if err := os.WriteFile(os.Args[2], out, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
