//! index.html's static first screen is the app's own step 1, rendered at build time
//! (`mobile_auth::app::first_visit_html`), then made inert here: a visitor types into it before
//! the app has arrived, and what they type must never leave the page by itself. So the copy has
//! no form and no field names (nothing can be submitted, even with JavaScript off), and 驗證 is a
//! plain button that the app presses again once it has taken over. The renderer's hydration
//! markers go too: nothing hydrates this markup, the app replaces it.
//!
//! If no script ever runs (a CSP that blocks boot.js, a half-copied deployment, an old
//! browser), 驗證 must still not do nothing: it opens a popover that says the service has not
//! started and what to do, which HTML does by itself (`popovertarget`). public/boot.js takes
//! that attribute away as soon as it runs, so presses are the app's from then on.

use mobile_auth::startup::NOT_STARTED_ID;

/// The rendered step 1 made inert, or why it cannot be: the markup is not the one-form step 1
/// this expects, so a changed screen fails the build instead of shipping a live form.
/// `not_started` is what 驗證 shows if no script takes the page over (plain text).
pub fn inert(rendered: &str, not_started: &str) -> Result<String, String> {
    let mut html = without_comments(rendered)?.replace("<!>", "");
    // An empty text is rendered as one space, so that hydration finds a node.
    html = html.replace("> </", "></");

    let forms = html.matches("<form").count();
    if forms != 1 || html.matches("</form>").count() != 1 {
        return Err(format!("expected one <form> (step 1's), found {forms}"));
    }
    let start = html.find("<form").unwrap_or_default();
    let end = start
        + html[start..]
            .find('>')
            .ok_or("the <form> tag does not end")?;
    let tag = html[start..end]
        .replacen("<form", "<div", 1)
        .replace(" novalidate", "");
    html = format!("{}{}{}", &html[..start], tag, &html[end..]).replace("</form>", "</div>");

    let submits = html.matches(r#"type="submit""#).count();
    if submits != 1 {
        return Err(format!(
            "expected one submit button (驗證), found {submits}"
        ));
    }
    html = html.replace(
        r#"type="submit""#,
        &format!(r#"type="button" popovertarget="{NOT_STARTED_ID}""#),
    );
    html = without_names(&html);
    if !html.contains(r#"id="national_id""#) {
        return Err("step 1's 身分證號 field (id national_id) is missing".into());
    }
    if not_started.contains(['<', '>', '&', '"']) {
        return Err("the not-started message must be plain text".into());
    }
    html.push_str(&format!(
        r#"<div id="{NOT_STARTED_ID}" popover class="problem not-started"><p role="alert">{not_started}</p></div>"#
    ));
    Ok(html)
}

fn without_comments(html: &str) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("-->").ok_or("a comment does not end")?;
        rest = &rest[start + end + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Drops every ` name="…"` attribute: a field without a name is never part of a submission.
fn without_names(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(r#" name=""#) {
        out.push_str(&rest[..start]);
        let value = &rest[start + 7..];
        rest = value.find('"').map_or("", |end| &value[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEP1: &str = concat!(
        r#"<main><div role="status"> </div><!--<() />--><form novalidate class="step"><!>"#,
        r#"<h2>請輸入以下欄位</h2><input id="national_id" name="national_id" type="password">"#,
        r#"<button type="submit" class="button">驗證</button><p>支援<!>中華電信</p></form></main>"#
    );

    #[test]
    fn step_one_becomes_inert() {
        assert_eq!(
            inert(STEP1, "未啟動 Not started").unwrap(),
            concat!(
                r#"<main><div role="status"></div><div class="step">"#,
                r#"<h2>請輸入以下欄位</h2><input id="national_id" type="password">"#,
                r#"<button type="button" popovertarget="app-not-started" class="button">驗證</button>"#,
                r#"<p>支援中華電信</p></div></main>"#,
                r#"<div id="app-not-started" popover class="problem not-started"><p role="alert">未啟動 Not started</p></div>"#
            )
        );
        assert!(inert(STEP1, "<b>x</b>").is_err());
    }

    #[test]
    fn markup_it_cannot_make_inert_fails() {
        let two_forms = STEP1.replace("</main>", "<form></form></main>");
        assert!(inert(&two_forms, "").unwrap_err().contains("one <form>"));
        let no_submit = STEP1.replace(r#"type="submit""#, r#"type="button""#);
        assert!(inert(&no_submit, "").unwrap_err().contains("submit"));
        let no_field = STEP1.replace("national_id", "other");
        assert!(inert(&no_field, "").unwrap_err().contains("national_id"));
        assert!(inert("<form><!-- open", "").is_err());
    }

    #[test]
    fn names_go_and_nothing_else_does() {
        let html = r#"<input data-name="x" name="a"><select name="b" id="c"></select>"#;
        assert_eq!(
            without_names(html),
            r#"<input data-name="x"><select id="c"></select>"#
        );
    }
}
