// A real OpenID provider for Tarina's tests: oidc-provider (OpenID Certified) with its development sign-in
// pages, where any login and password are accepted. The login typed becomes the email address; the subject is
// "sub-" + the login, so that the tests can tell matching by subject from matching by email. A login that
// contains "+unverified" gets email_verified = false.
//
//   node provider.mjs PORT REDIRECT_URI
//
// Prints "ready" once it listens on 127.0.0.1:PORT.
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
if (!port || !redirectUri) {
  console.error('usage: node provider.mjs PORT REDIRECT_URI');
  process.exit(2);
}

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'tarina',
    client_secret: 'tarina-test-secret',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  async findAccount(ctx, login) {
    return {
      accountId: login,
      async claims() {
        return { sub: `sub-${login}`, email: login, email_verified: !login.includes('+unverified') };
      },
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  // The ID token carries the email claims, so that the relying party needs no userinfo request.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;

provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
