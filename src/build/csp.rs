//! The Content-Security-Policy every page carries: scripts only from the
//! site itself and the app's page's own inline scripts, named by their
//! hashes. The HTML filter keeps script out of posts; should anything ever
//! slip past it (an `onerror`, a `javascript:` link, an injected
//! `<script>`), the browser still refuses to run it.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The policy for pages made from `template` (trunk's `index.html`): its
/// inline scripts (the colour theme's and trunk's loader) by hash, the
/// app's wasm, and its web workers, which start from `blob:` URLs. Posts
/// may show pictures and media from anywhere.
///
/// Under `trunk serve`, the page also has trunk's live-reload script,
/// which trunk rewrites as it serves the page (so no hash can name it) and
/// which opens a WebSocket: there, inline scripts are allowed, as befits
/// a preview on the author's own machine.
pub fn policy(template: &str) -> String {
    let mut scripts = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    let inline = inline_scripts(template);
    let live_reload = inline.iter().any(|script| script.contains("WebSocket"));
    if live_reload {
        scripts.push("'unsafe-inline'".to_string());
    } else {
        for script in inline {
            let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
            scripts.push(format!("'sha256-{hash}'"));
        }
    }
    let connect = if live_reload { "'self' ws: wss:" } else { "'self'" };
    format!(
        "default-src 'self'; script-src {}; worker-src 'self' blob:; connect-src {connect}; \
         img-src * data: blob:; media-src *; style-src 'self' 'unsafe-inline'; object-src 'none'; \
         base-uri 'self'; form-action 'self'",
        scripts.join(" ")
    )
}

/// The text of each `<script>` in `html` that has no `src`, exactly as the
/// browser hashes it.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let tag = &rest[at..];
        let Some(open_end) = tag.find('>') else { break };
        let body = &tag[open_end + 1..];
        let Some(close) = body.find("</script>") else { break };
        if !tag[..open_end].contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_hash_and_nothing_else_inline() {
        let template = "<head><script>alert(1)</script><script type=\"module\" src=\"/app.js\"></script>\
                        <script type=\"module\">\nimport init from '/app.js';\n</script></head>";
        assert_eq!(inline_scripts(template), ["alert(1)", "\nimport init from '/app.js';\n"]);
        let policy = policy(template);
        // sha256("alert(1)"), as `openssl dgst -sha256 -binary | base64` gives it.
        assert!(policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), "{policy}");
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{policy}");
        assert!(!policy.contains("unsafe-inline' ") && !policy.contains("script-src 'unsafe-inline"), "{policy}");
        assert!(policy.contains("connect-src 'self';"), "no WebSocket without live reload: {policy}");
        let live = super::policy("<script>x()</script><script>new WebSocket('{{__TRUNK_ADDRESS__}}')</script>");
        assert!(live.contains("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline';") && live.contains("connect-src 'self' ws: wss:"), "{live}");
    }
}
