//! The app's worker: renders posts from Markdown and answers searches
//! (see `folio::core::job`), so the app's own wasm carries neither. Built
//! by trunk beside the app, started by the app's `worker` module.
//!
//! It says `true` once it listens, then answers each job with its number
//! and one string: a post's content HTML at once, a search's answer (or
//! why it failed) as JSON once its files are in. A message it cannot read
//! is a bug in the app; it throws, which the app sees as the worker's
//! `error` event.

#[cfg(target_arch = "wasm32")]
fn main() {
    use folio::core::job::Job;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let answer = move |number: u32, text: String| {
        let message = js_sys::Array::of2(&JsValue::from(number), &JsValue::from(text));
        if let Err(e) = replies.post_message(&message) {
            wasm_bindgen::throw_val(e);
        }
    };
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let parts: Option<Vec<String>> = js_sys::Array::from(&event.data()).iter().map(|part| part.as_string()).collect();
        let Some((number, job)) = parts.and_then(Job::from_message) else {
            wasm_bindgen::throw_str("folio-worker: a message that is not a job");
        };
        match job {
            Job::Render(request) => answer(number, request.content_html()),
            Job::Search(request) => {
                let answer = answer.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = folio::web::search::answer(request).await;
                    answer(number, serde_json::to_string(&result).expect("an answer serializes"));
                });
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::TRUE);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-worker is the browser app's worker (posts and search); trunk builds it (see README.md)");
}
