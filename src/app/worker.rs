//! Posts are rendered from Markdown, and searches answered, in web workers
//! (`folio-render` and `folio-search`; see [`crate::core::job`]), not in
//! the app itself: the app's wasm, which every first view downloads before
//! the page works, then carries neither a Markdown parser nor a search
//! engine, and a long post or a search of a large blog runs off the page's
//! thread.
//!
//! Each worker is started once and serves every job of its kind after
//! that: the renderer when the first view has settled and the browser is
//! idle, or as soon as a post is wanted; the search worker when the reader
//! focuses the search box or opens the search page. If one fails to start
//! (its files did not load), the jobs waiting for it fail with a message
//! and Retry starts a new one.

use super::api::{FetchError, TIMEOUT_MS};
use crate::core::job::{Job, Worker};
use futures::channel::oneshot;
use leptos::prelude::{document, window};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, ErrorEvent, MessageEvent, Url};

/// How long after the first view settles to start the renderer, where the
/// browser cannot say when it is idle.
const IDLE_FALLBACK_MS: i32 = 500;

type Reply = oneshot::Sender<Result<String, FetchError>>;

/// A job as a worker reads it (see [`Job::into_message`]).
type Message = js_sys::Array;

/// A started worker and what it owes.
struct Running {
    worker: web_sys::Worker,
    /// Counts the workers of its kind started, so a timer meant for one
    /// leaves a later one alone.
    number: u32,
    /// Jobs sent before it listens; `None` once it does.
    waiting: Option<Vec<Message>>,
    /// The blob URL of its start-up script, revoked once it listens.
    script_url: String,
    /// Its event handlers, kept alive as long as it is.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(ErrorEvent)>,
}

/// The app's side of one worker.
#[derive(Default)]
struct Client {
    running: Option<Running>,
    started: u32,
    /// Numbers the jobs sent.
    sent: u32,
    /// Replies owed, by job number.
    replies: HashMap<u32, Reply>,
}

thread_local! {
    static CLIENTS: RefCell<HashMap<Worker, Client>> = RefCell::new(HashMap::new());
}

/// `f` on the app's side of `worker`.
fn with_client<R>(worker: Worker, f: impl FnOnce(&mut Client) -> R) -> R {
    CLIENTS.with(|clients| f(clients.borrow_mut().entry(worker).or_default()))
}

/// Starts `worker` now, if it is not running, so that the post the reader
/// is about to open, or the search about to be typed, need not wait for it.
pub fn warm(worker: Worker) {
    if let Err(e) = with_client(worker, |client| client.ensure_running(worker)) {
        leptos::logging::warn!("folio: {} could not be started: {e}", worker.name());
    }
}

/// Starts the post renderer once the browser is idle: called when the
/// first view has settled, so its download never competes with it.
pub fn warm_renderer_when_idle() {
    let callback = Closure::once_into_js(|| warm(Worker::Render));
    let function: &js_sys::Function = callback.unchecked_ref();
    if window().request_idle_callback(function).is_err() {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(function, IDLE_FALLBACK_MS);
    }
}

/// The answer of `job`'s worker to it (see [`crate::core::job`]).
pub async fn run<J: Job>(job: J) -> Result<String, FetchError> {
    let (reply, answer) = oneshot::channel();
    with_client(J::WORKER, |client| client.send(job, reply));
    answer.await.unwrap_or_else(|_| Err(FetchError::Worker("it stopped".into())))
}

impl Client {
    fn send<J: Job>(&mut self, job: J, reply: Reply) {
        if let Err(e) = self.ensure_running(J::WORKER) {
            let _ = reply.send(Err(FetchError::Worker(e)));
            return;
        }
        self.sent = self.sent.wrapping_add(1);
        let number = self.sent;
        let message: Message = job.into_message(number).iter().map(|part| JsValue::from_str(part)).collect();
        let running = self.running.as_mut().expect("started above");
        match &mut running.waiting {
            Some(waiting) => waiting.push(message),
            None => {
                if let Err(e) = running.worker.post_message(&message) {
                    let _ = reply.send(Err(FetchError::Worker(describe(&e))));
                    return;
                }
            }
        }
        self.replies.insert(number, reply);
    }

    fn ensure_running(&mut self, worker: Worker) -> Result<(), String> {
        if self.running.is_none() {
            self.started += 1;
            self.running = Some(start(worker, self.started)?);
        }
        Ok(())
    }

    /// Stops the worker and fails every job it owes with `error`.
    fn stop(&mut self, error: FetchError) {
        if let Some(running) = self.running.take() {
            running.worker.terminate();
            let _ = Url::revoke_object_url(&running.script_url);
        }
        for (_, reply) in self.replies.drain() {
            let _ = reply.send(Err(error.clone()));
        }
    }

    fn on_message(&mut self, data: JsValue) {
        if data.as_bool() == Some(true) {
            // It listens: send what waited for it.
            let Some(running) = self.running.as_mut() else { return };
            let _ = Url::revoke_object_url(&running.script_url);
            for message in running.waiting.take().unwrap_or_default() {
                if let Err(e) = running.worker.post_message(&message) {
                    return self.stop(FetchError::Worker(describe(&e)));
                }
            }
            return;
        }
        // An answer: its job's number, then its text.
        let answer = js_sys::Array::from(&data);
        let number = answer.get(0).as_f64().map(|n| n as u32);
        let reply = number.and_then(|n| self.replies.remove(&n));
        if let (Some(reply), Some(text)) = (reply, answer.get(1).as_string()) {
            let _ = reply.send(Ok(text));
        }
    }
}

/// Starts `worker`, the `number`th of its kind, from the files the page's
/// `<meta>` of its name names.
fn start(worker: Worker, number: u32) -> Result<Running, String> {
    let document = document();
    let name = document
        .query_selector(&format!("meta[name=\"{}\"]", worker.name()))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or_else(|| format!("this build of the blog has no {}; build it with trunk", worker.name()))?;
    // The worker runs from a blob, so its files need absolute URLs.
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let absolute = |file: String| Url::new_with_base(&file, &base).map(|url| url.href()).map_err(|e| describe(&e));
    let (js, wasm) = (absolute(format!("{name}.js"))?, absolute(format!("{name}_bg.wasm"))?);
    let quoted = |s: &str| serde_json::to_string(s).expect("a string serializes");
    // A failed start is rethrown outside the promise, so the page gets the
    // worker's `error` event.
    let source = format!(
        "importScripts({});wasm_bindgen({{module_or_path:{}}}).catch(function(e){{setTimeout(function(){{throw e;}});}});",
        quoted(&js),
        quoted(&wasm)
    );
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(&source)), &options)
        .map_err(|e| describe(&e))?;
    let script_url = Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let started = web_sys::Worker::new(&script_url).map_err(|e| describe(&e))?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        with_client(worker, |client| client.on_message(event.data()));
    });
    let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
        // Handled: the jobs waiting say what went wrong.
        event.prevent_default();
        let message = event.message();
        let error = FetchError::Worker(if message.is_empty() { "it could not load".into() } else { message });
        with_client(worker, |client| client.stop(error));
    });
    started.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    started.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // A worker whose files never arrive would leave its jobs loading.
    let timeout = Closure::once_into_js(move || {
        with_client(worker, |client| {
            let starting = client.running.as_ref().is_some_and(|w| w.number == number && w.waiting.is_some());
            if starting {
                client.stop(FetchError::Timeout);
            }
        });
    });
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(timeout.unchecked_ref(), TIMEOUT_MS);
    Ok(Running { worker: started, number, waiting: Some(Vec::new()), script_url, _on_message: on_message, _on_error: on_error })
}

/// A JS exception as text.
fn describe(error: &JsValue) -> String {
    error.as_string().or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| e.message().into())).unwrap_or_else(|| format!("{error:?}"))
}
