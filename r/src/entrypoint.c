// The package's init: registers the Rust entry points (extendr_module! in rust/src/lib.rs).
void R_init_pactnet_extendr(void *dll);

void R_init_pactnet(void *dll) {
    R_init_pactnet_extendr(dll);
}
