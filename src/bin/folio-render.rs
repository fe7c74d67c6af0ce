//! The post renderer: a web worker that turns a post's Markdown into the
//! HTML the app shows (see `folio::core::job`), so the app's own wasm
//! carries no Markdown parser. Built by trunk beside the app, started by
//! the app's `worker` module.

#[cfg(target_arch = "wasm32")]
fn main() {
    use folio::core::markdown::RenderRequest;
    folio::web::worker::serve(|request: RenderRequest, reply| reply.send(request.content_html()));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-render is the browser app's post renderer; trunk builds it (see README.md)");
}
