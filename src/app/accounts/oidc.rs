//! Signing in through the city's OpenID provider (Entra ID, Keycloak, …): the authorization code flow with
//! PKCE, state and nonce. Who the person is comes from the provider; what they may do stays in Tarina, matched
//! by the provider's subject or, the first time, by a verified email address.

use chrono::{DateTime, Duration, Utc};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use tokio::sync::RwLock;

use super::sign_in::{start_session, SignInError, SignedIn};
use super::tokens::token_hash;
use crate::domain::access::{Email, SessionLimits};
use crate::domain::change::Change;
use crate::store::{OidcLogin, Store};

/// The provider and this site's registration with it.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The issuer, e.g. `https://login.microsoftonline.com/{tenant}/v2.0`; https except on this machine.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// This site's `/staff/oidc/callback`, as registered with the provider.
    pub redirect_url: String,
}

/// A person has this long to sign in at the provider and come back.
const LOGIN_TIME: Duration = Duration::minutes(10);

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

pub struct Oidc {
    settings: OidcSettings,
    issuer: IssuerUrl,
    redirect: RedirectUrl,
    http: openidconnect::reqwest::Client,
    /// Discovered on first use, so that the server starts while the provider is down.
    metadata: RwLock<Option<CoreProviderMetadata>>,
}

fn local_host(url: &str) -> bool {
    let rest = url.strip_prefix("http://").unwrap_or_default();
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> anyhow::Result<Oidc> {
        for (what, url) in [("issuer", &settings.issuer), ("redirect URL", &settings.redirect_url)] {
            anyhow::ensure!(
                url.starts_with("https://") || local_host(url),
                "the OpenID Connect {what} {url} must use https (http only on this machine, for tests)"
            );
        }
        let issuer = IssuerUrl::new(settings.issuer.clone())?;
        let redirect = RedirectUrl::new(settings.redirect_url.clone())?;
        // Following redirects would let a provider's answer send the server elsewhere.
        let http = openidconnect::reqwest::Client::builder()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()?;
        Ok(Oidc {
            settings,
            issuer,
            redirect,
            http,
            metadata: RwLock::new(None),
        })
    }

    async fn client(&self) -> anyhow::Result<Client> {
        let known = self.metadata.read().await.clone();
        let metadata = match known {
            Some(metadata) => metadata,
            None => {
                let discovered = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
                    .await
                    .map_err(|error| {
                        anyhow::anyhow!("cannot discover the OpenID provider {}: {error}", self.issuer.as_str())
                    })?;
                *self.metadata.write().await = Some(discovered.clone());
                discovered
            }
        };
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(self.redirect.clone()))
    }

    /// The provider's address to send the person to; what is needed to check their return is kept in the
    /// database, so whichever server they come back to can finish.
    pub async fn begin(&self, store: &dyn Store, next: &str, now: DateTime<Utc>) -> anyhow::Result<String> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let login = OidcLogin {
            state_hash: token_hash(state.secret()),
            verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
            next: next.to_owned(),
            created_at: now,
        };
        store.save_oidc_login(&login, now - LOGIN_TIME).await?;
        Ok(url.to_string())
    }

    /// Checks the provider's answer and signs the person in to the account of their subject, or of their
    /// verified email address the first time (which links the subject to it).
    pub async fn finish(
        &self,
        store: &dyn Store,
        code: &str,
        state: &str,
        user_agent: &str,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> Result<(SignedIn, String), SignInError> {
        let login = store
            .take_oidc_login(&token_hash(state), now - LOGIN_TIME)
            .await?
            .ok_or(SignInError::Refused)?;
        let identity = self.identity(code, &login).await.map_err(|error| {
            tracing::warn!("OpenID Connect sign-in refused: {error:#}");
            SignInError::Refused
        })?;
        let account = match store.account_by_subject(&identity.subject).await? {
            Some(account) => account,
            None => {
                let email = identity.verified_email.ok_or(SignInError::Refused)?;
                let (account, _) = store.credentials(&email).await?.ok_or(SignInError::Refused)?;
                let change = Change::new(format!("user:{}", account.id), "first sign-in through OpenID Connect");
                store.link_subject(account.id, &identity.subject, &change, now).await?;
                account
            }
        };
        if !account.active {
            return Err(SignInError::Refused);
        }
        let signed_in = start_session(store, account, user_agent, now, limits).await?;
        Ok((signed_in, login.next))
    }

    async fn identity(&self, code: &str, login: &OidcLogin) -> anyhow::Result<Identity> {
        use openidconnect::TokenResponse as _;
        let client = self.client().await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))?
            .set_pkce_verifier(PkceCodeVerifier::new(login.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|error| anyhow::anyhow!("the provider refused the code: {error}"))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| anyhow::anyhow!("the provider sent no ID token"))?;
        let claims = id_token.claims(&client.id_token_verifier(), &Nonce::new(login.nonce.clone()))?;
        let verified_email = match (claims.email(), claims.email_verified()) {
            (Some(email), Some(true)) => Email::parse(email.as_str()).ok(),
            _ => None,
        };
        Ok(Identity {
            subject: claims.subject().as_str().to_owned(),
            verified_email,
        })
    }
}

struct Identity {
    subject: String,
    verified_email: Option<Email>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine() {
        let settings = |issuer: &str| OidcSettings {
            issuer: issuer.into(),
            client_id: "tarina".into(),
            client_secret: None,
            redirect_url: "https://tarina.example/staff/oidc/callback".into(),
        };
        assert!(Oidc::new(settings("https://login.example/tenant/v2.0")).is_ok());
        assert!(Oidc::new(settings("http://127.0.0.1:9000")).is_ok());
        assert!(Oidc::new(settings("http://login.example")).is_err());
        assert!(Oidc::new(settings("http://127.0.0.1.evil.example")).is_err());
    }
}
