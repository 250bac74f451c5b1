// A real OpenID Connect provider for the integration tests, standing in for an e-ID broker.
// Started by tests/it with REDIRECT_URI (the service's callback); listens on a free port of
// 127.0.0.1 and prints "ISSUER <url>" on its first line of output.
//
// Its login page is a form with one field, the personal identity number: a test "signs in
// with e-ID" by submitting it. Consent is granted for the test client without a page. The
// ID token carries the number in the claim `personal_identity_number` (scope `profile`).
import http from "node:http";
import { createHash, generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const redirectUri = process.env.REDIRECT_URI;
if (!redirectUri) {
  console.error("REDIRECT_URI is required");
  process.exit(2);
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test-1", use: "sig", alg: "RS256" };

// account id -> personal identity number, filled as test residents sign in.
const accounts = new Map();
const accountFor = (personalNumber) => {
  const id = "resident-" + createHash("sha256").update(personalNumber).digest("hex").slice(0, 16);
  accounts.set(id, personalNumber);
  return id;
};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

let provider;
const server = http.createServer(async (req, res) => {
  try {
    const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
    if (!match) {
      return provider.callback()(req, res);
    }
    const details = await provider.interactionDetails(req, res);
    if (req.method === "POST" && match[2]) {
      const body = await new Promise((resolve) => {
        let data = "";
        req.on("data", (chunk) => (data += chunk));
        req.on("end", () => resolve(new URLSearchParams(data)));
      });
      const personalNumber = body.get("personal_number") || "";
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: accountFor(personalNumber) } },
        { mergeWithLastSubmission: false },
      );
    }
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="en"><title>Test e-ID</title><h1>Test e-ID</h1>
<form method="post" action="/interaction/${escape(details.uid)}/login">
<label for="pnr">Personal identity number</label><input id="pnr" name="personal_number">
<button type="submit">Sign in</button></form></html>`);
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error && error.message));
  }
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: "civic-assistant",
        client_secret: "test-client-secret",
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [signingKey] },
    claims: { openid: ["sub"], profile: ["personal_identity_number"] },
    // The claims of the scopes go into the ID token, as e-ID brokers do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["test-only-cookie-key"] },
    async findAccount(ctx, id) {
      if (!accounts.has(id)) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, personal_identity_number: accounts.get(id) };
        },
      };
    },
    // Consent for the test client without a page: the grant the service asks for.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope("openid profile");
      grant.addOIDCClaims(["personal_identity_number"]);
      await grant.save();
      ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId, grant.jti);
      return grant;
    },
  });
  console.log(`ISSUER ${issuer}`);
});

process.on("SIGTERM", () => process.exit(0));
// The test may stop reading the output; a closed pipe is no reason to stop serving.
process.stdout.on("error", () => {});
