//! The `geopol` command-line tool; all of it is in [`geopol::cli`].

fn main() {
    std::process::exit(geopol::cli::run(std::env::args_os()))
}
