-- Many municipalities on one deployment: a municipality added as a tenant carries its own
-- municipality.toml (name, languages, local facts, branding, allowed origins), the host
-- names it is served on, and the key its embedded widgets send. The municipality of the
-- shipped or configured content has none of these: it is the deployment's default.
ALTER TABLE municipalities ADD COLUMN config TEXT;
ALTER TABLE municipalities ADD COLUMN hosts TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN widget_key TEXT;
CREATE UNIQUE INDEX municipalities_widget_key ON municipalities (widget_key);
