//! `tarina token add`: an API token for an integration from the server's shell, for deployment scripts and CI;
//! admins create and revoke tokens in the staff pages as well. The secret goes to standard output alone, so
//! a script can capture it, and is never shown again.

use anyhow::Context as _;

use super::TokenAddArgs;
use crate::app::accounts::api_tokens::create_token;
use crate::domain::access::{Assignment, Email, NewApiToken, Role, TokenScope};
use crate::domain::change::Change;
use crate::domain::Slug;
use crate::store::{self, DatabaseUrl};

pub async fn add(database: &DatabaseUrl, args: TokenAddArgs) -> anyhow::Result<()> {
    let role: Role = args.role.parse()?;
    let email = Email::parse(&args.email)?;
    let organisation = args
        .organisation
        .as_deref()
        .map(|o| Slug::parse(o).with_context(|| format!("{o:?} is not an organisation's slug")))
        .transpose()?;
    let mut assignments = Vec::new();
    for id in &args.indicators {
        assignments.push(Assignment::Indicator(
            id.parse().with_context(|| format!("{id:?} is not an indicator's id"))?,
        ));
    }
    for id in &args.actions {
        assignments.push(Assignment::Action(
            id.parse().with_context(|| format!("{id:?} is not an action's id"))?,
        ));
    }
    let scope = TokenScope {
        role,
        organisation,
        assignments,
    };
    let now = chrono::Utc::now();
    let token = NewApiToken::new(&args.name, scope, args.expires, now.date_naive())?;
    let store = store::connect(database).await?;
    let (account, _) = store
        .credentials(&email)
        .await?
        .with_context(|| format!("there is no account {email}; create it with `tarina user add`"))?;
    let change = Change::new(
        "cli:token-add",
        format!("tarina token add --email {email} --role {role} --name {:?}", token.name),
    );
    let created = create_token(store.as_ref(), account.id, &token, &change, now).await?;
    eprintln!(
        "created API token {} {:?} for {email} as {role}; its secret is shown only now",
        created.id, token.name
    );
    println!("{}", created.secret);
    Ok(())
}
