module accord.invalid/codegen

go 1.19
