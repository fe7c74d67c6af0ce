//! `folio`: the author's command line. `folio build` turns the posts folder
//! into the files the reader app fetches, and `folio pages` writes a real
//! HTML page for every URL around trunk's built `index.html`; trunk runs
//! both on every build.

/// mimalloc: a cold build of 100,000 posts takes a fifth less time than
/// with glibc's allocator, in the same peak memory.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run(std::env::args().skip(1).collect())
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use folio::build::urls::SiteUrls;
    use folio::build::{build_site, config, pages, BuildOptions};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    const USAGE: &str = "\
usage: folio build --out DIR [--posts DIR] [--public DIR] [--config FILE] [--base-path P] [--keep-going]
                   [--cache FILE | --no-cache] [--reuse DIR]
       folio pages --site DIR [--config FILE] [--base-path P] [--reuse DIR]

build: the index, post files, search index, feeds and assets
  --out DIR      where to write them (trunk passes its staging folder)
  --posts DIR    the Markdown posts (default: public/posts)
  --public DIR   static files to publish as they are (default: public)
  --keep-going   build the good posts even if some are bad, and list the bad ones
  --cache FILE   keep what reading each post gave here, so a rebuild parses and
                 highlights only changed posts (default: target/folio-cache.bin)
  --no-cache     read every post afresh
  --reuse DIR    an earlier build's output (trunk passes its dist folder), whose
                 files named by their contents are moved into --out once every
                 post has been read, so only new ones are written

pages: an HTML page for every post, list and archive page, from DIR/index.html
  --site DIR     a folder `folio build` wrote into, holding trunk's index.html
  --reuse DIR    an earlier site (trunk passes its dist folder), whose pages are
                 moved into DIR first, so only changed ones are written

both:
  --config FILE  site settings (default: folio.toml)
  --base-path P  the path the site is served under (default: $TRUNK_PUBLIC_URL, else /)";

    /// Where `folio build` keeps its cache: `target/` is already the
    /// project's folder for things a build makes and may throw away.
    const DEFAULT_CACHE: &str = "target/folio-cache.bin";

    /// What the command line asks for.
    enum Command {
        Build(BuildOptions),
        Pages { site: PathBuf, config: PathBuf, base_path: String, reuse: Option<PathBuf> },
    }

    pub fn run(args: Vec<String>) -> ExitCode {
        match parse(&args) {
            Ok(Command::Build(options)) => build(&options),
            Ok(Command::Pages { site, config, base_path, reuse }) => write_pages(&site, &config, &base_path, reuse.as_deref()),
            Err(message) => {
                eprintln!("folio: {message}\n\n{USAGE}");
                ExitCode::from(2)
            }
        }
    }

    fn parse(args: &[String]) -> Result<Command, String> {
        let (command, rest) = args.split_first().ok_or("no command given")?;
        let mut options = BuildOptions {
            posts_dir: "public/posts".into(),
            public_dir: Some("public".into()),
            config: "folio.toml".into(),
            out_dir: PathBuf::new(),
            keep_going: false,
            // trunk tells its hooks the --public-url it builds for.
            base_path: std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into()),
            cache: Some(DEFAULT_CACHE.into()),
            reuse: None,
        };
        let mut site = PathBuf::new();
        let mut it = rest.iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
            match (command.as_str(), flag.as_str()) {
                (_, "--config") => options.config = value()?.into(),
                (_, "--base-path") => options.base_path = value()?,
                ("build", "--out") => options.out_dir = value()?.into(),
                ("build", "--posts") => options.posts_dir = value()?.into(),
                ("build", "--public") => options.public_dir = Some(value()?.into()),
                ("build", "--keep-going") => options.keep_going = true,
                ("build", "--cache") => options.cache = Some(value()?.into()),
                ("build", "--no-cache") => options.cache = None,
                ("build" | "pages", "--reuse") => options.reuse = Some(value()?.into()),
                ("pages", "--site") => site = value()?.into(),
                ("build" | "pages", other) => return Err(format!("unknown option `{other}` for `{command}`")),
                _ => return Err(format!("unknown command `{command}`")),
            }
        }
        match command.as_str() {
            "build" if options.out_dir.as_os_str().is_empty() => Err("--out is required".into()),
            "build" => Ok(Command::Build(options)),
            "pages" if site.as_os_str().is_empty() => Err("--site is required".into()),
            "pages" => Ok(Command::Pages { site, config: options.config, base_path: options.base_path, reuse: options.reuse }),
            other => Err(format!("unknown command `{other}`")),
        }
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
                    "folio: built {} posts ({} drafts, {} scheduled and {} section pages left out, {} assets) into {}",
                    report.posts,
                    report.drafts,
                    report.scheduled,
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

    fn write_pages(site: &Path, config_path: &Path, base_path: &str, reuse: Option<&Path>) -> ExitCode {
        let result = config::load(config_path).and_then(|config| {
            let urls = SiteUrls::new(config.base_url.clone(), base_path);
            pages::write_pages(site, &config, &urls, reuse)
        });
        match result {
            Ok(report) => {
                let unchanged = report.pages - report.made;
                let (pages, made, reframed) = (report.pages, report.made, report.reframed);
                eprintln!("folio: {pages} pages in {} ({made} made, {reframed} of them with only a new sidebar; {unchanged} unchanged)", site.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("folio: error: {e}");
                ExitCode::FAILURE
            }
        }
    }
}
