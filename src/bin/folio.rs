//! `folio`: the author's command line. `folio build` turns the posts folder
//! into the files the reader app fetches; trunk runs it on every build.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run(std::env::args().skip(1).collect())
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use folio::build::{build_site, BuildOptions};
    use std::path::PathBuf;
    use std::process::ExitCode;

    const USAGE: &str = "\
usage: folio build --out DIR [--posts DIR] [--public DIR] [--config FILE] [--keep-going]

  --out DIR      where to write the index, post files and assets (trunk passes its staging folder)
  --posts DIR    the Markdown posts (default: public/posts)
  --public DIR   static files to publish as they are (default: public)
  --config FILE  site settings (default: folio.toml)
  --keep-going   build the good posts even if some are bad, and list the bad ones
  --base-path P  the path the site is served under (default: $TRUNK_PUBLIC_URL, else /)";

    pub fn run(args: Vec<String>) -> ExitCode {
        match parse(&args) {
            Ok(options) => build(&options),
            Err(message) => {
                eprintln!("folio: {message}\n\n{USAGE}");
                ExitCode::from(2)
            }
        }
    }

    fn parse(args: &[String]) -> Result<BuildOptions, String> {
        let (command, rest) = args.split_first().ok_or("no command given")?;
        if command != "build" {
            return Err(format!("unknown command `{command}`"));
        }
        let mut options = BuildOptions {
            posts_dir: "public/posts".into(),
            public_dir: Some("public".into()),
            config: "folio.toml".into(),
            out_dir: PathBuf::new(),
            keep_going: false,
            // trunk tells its hooks the --public-url it builds for.
            base_path: std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into()),
        };
        let mut it = rest.iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--out" => options.out_dir = value()?.into(),
                "--posts" => options.posts_dir = value()?.into(),
                "--public" => options.public_dir = Some(value()?.into()),
                "--config" => options.config = value()?.into(),
                "--keep-going" => options.keep_going = true,
                "--base-path" => options.base_path = value()?,
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        if options.out_dir.as_os_str().is_empty() {
            return Err("--out is required".into());
        }
        Ok(options)
    }

    fn build(options: &BuildOptions) -> ExitCode {
        match build_site(options) {
            Ok(report) => {
                for e in &report.skipped {
                    eprintln!("folio: skipped {e}");
                }
                for warning in &report.warnings {
                    eprintln!("folio: warning: {warning}");
                }
                eprintln!(
                    "folio: built {} posts ({} drafts and {} section pages left out, {} assets) into {}",
                    report.posts,
                    report.drafts,
                    report.sections,
                    report.assets,
                    options.out_dir.display()
                );
                if report.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
            }
            Err(e) => {
                eprintln!("folio: error: {e}");
                ExitCode::FAILURE
            }
        }
    }
}
