//! The search worker: loads the search index a query needs, ranks, and
//! cuts and marks each result's excerpt (see `folio::core::job` and
//! `folio::web::search`), so the app's own wasm carries no search engine
//! and a reader who never searches never downloads one. Built by trunk
//! beside the app, started by the app's `worker` module.

#[cfg(target_arch = "wasm32")]
fn main() {
    use folio::core::search::answer::SearchRequest;
    folio::web::worker::serve(|request: SearchRequest, reply| {
        wasm_bindgen_futures::spawn_local(async move {
            let answer = folio::web::search::answer(request).await;
            reply.send(serde_json::to_string(&answer).expect("an answer serializes"));
        });
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-search is the browser app's search worker; trunk builds it (see README.md)");
}
