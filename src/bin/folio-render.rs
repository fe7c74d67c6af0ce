//! The post renderer: a web worker that turns a post's Markdown into the
//! HTML the app shows (see `folio::core::markdown::RenderRequest`). Built
//! by trunk beside the app, started by the app's `renderer` module.
//! Each request comes as the list of strings `RenderRequest::into_parts`
//! makes.
//!
//! It says `true` once it listens, then answers each request, in order,
//! with the post's content HTML. A message it cannot read is a bug in the
//! app; it throws, which the app sees as the worker's `error` event.

#[cfg(target_arch = "wasm32")]
fn main() {
    use folio::core::markdown::RenderRequest;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let parts: Option<Vec<String>> = js_sys::Array::from(&event.data()).iter().map(|part| part.as_string()).collect();
        let request = parts.and_then(RenderRequest::from_parts);
        let Some(request) = request else {
            wasm_bindgen::throw_str("folio-render: a message that is not a render request");
        };
        if let Err(e) = replies.post_message(&JsValue::from_str(&request.content_html())) {
            wasm_bindgen::throw_val(e);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::TRUE);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-render is the browser app's post renderer; trunk builds it (see README.md)");
}
