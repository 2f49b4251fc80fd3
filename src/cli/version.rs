//! `tarina version …`: the strategy version workflow on the command line. A new version starts as a draft
//! copied from another, is submitted for review (or withdrawn to a draft), and is approved with the decision
//! that approved it; approving supersedes the version approved before. Each write names its reason, which the
//! audit log keeps with the actor `cli:version-<command>`.

use clap::{Args, Subcommand};

use crate::app::versions::{self, WorkflowError};
use crate::domain::change::Change;
use crate::domain::workflow::{ApprovalError, DecisionInput, Step};
use crate::store::{self, DatabaseUrl, VersionRecord};

#[derive(Debug, Subcommand)]
pub enum VersionCommand {
    /// Create a draft LABEL as a copy of version --from (any status), with all its content.
    New {
        label: String,
        /// The version to copy, e.g. 1.1.
        #[arg(long)]
        from: String,
        #[command(flatten)]
        why: Reason,
    },
    /// Submit draft LABEL for review.
    Submit {
        label: String,
        #[command(flatten)]
        why: Reason,
    },
    /// Withdraw version LABEL from review back to a draft.
    Withdraw {
        label: String,
        #[command(flatten)]
        why: Reason,
    },
    /// Approve version LABEL (under review) with the decision that approved it; the version approved before
    /// is superseded. Refused while `tarina lint` finds errors in the version, unless --override-lint says why.
    Approve(ApproveArgs),
    /// List every version with its status and decision record, drafts included.
    List,
}

#[derive(Debug, Clone, Args)]
pub struct Reason {
    /// Why the change is made; kept in the audit log.
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Clone, Args)]
pub struct ApproveArgs {
    pub label: String,
    /// The decision body in Finnish, e.g. "Kaupunginvaltuusto".
    #[arg(long)]
    pub body_fi: Option<String>,
    #[arg(long)]
    pub body_sv: Option<String>,
    #[arg(long)]
    pub body_en: Option<String>,
    /// The date of the decision.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// Where the decision is minuted, e.g. "Kvalt 11.9.2017 § 123".
    #[arg(long)]
    pub minutes: Option<String>,
    /// Approve although the lint finds errors, for this reason (recorded and shown in `tarina version list`).
    #[arg(long, value_name = "REASON")]
    pub override_lint: Option<String>,
    #[command(flatten)]
    pub why: Reason,
}

pub async fn run(database: &DatabaseUrl, command: VersionCommand) -> anyhow::Result<()> {
    let store = store::connect(database).await?;
    let store = store.as_ref();
    match command {
        VersionCommand::New { label, from, why } => {
            let change = Change::new("cli:version-new", why.reason);
            versions::new_draft(store, &from, &label, &change).await?;
            println!("created draft {label} as a copy of version {from}");
        }
        VersionCommand::Submit { label, why } => stepped(store, &label, Step::Submit, why).await?,
        VersionCommand::Withdraw { label, why } => stepped(store, &label, Step::Withdraw, why).await?,
        VersionCommand::Approve(args) => approve(store, args).await?,
        VersionCommand::List => {
            for record in store.version_records().await? {
                println!("{}", line(&record));
            }
        }
    }
    Ok(())
}

async fn stepped(store: &dyn store::Store, label: &str, step: Step, why: Reason) -> anyhow::Result<()> {
    let change = Change::new(format!("cli:version-{}", step.as_str()), why.reason);
    let status = versions::step(store, label, step, &change).await?;
    println!("version {label} is now {}", status.as_str());
    Ok(())
}

async fn approve(store: &dyn store::Store, args: ApproveArgs) -> anyhow::Result<()> {
    let input = DecisionInput {
        body_fi: args.body_fi,
        body_sv: args.body_sv,
        body_en: args.body_en,
        date: args.date,
        minutes: args.minutes,
        lint_override: args.override_lint,
    };
    let change = Change::new("cli:version-approve", args.why.reason);
    match versions::approve(store, &args.label, input, &change).await {
        Ok(approved) => {
            println!("version {} is now approved and current", args.label);
            for label in &approved.superseded {
                println!("version {label} is now superseded");
            }
            if !approved.overridden.is_empty() {
                println!("{} lint error(s) overridden:", approved.overridden.len());
                for error in &approved.overridden {
                    println!("  {error}");
                }
            }
            Ok(())
        }
        Err(WorkflowError::Refused(missing)) => {
            for reason in &missing {
                eprintln!("refused: {reason}");
                if let ApprovalError::LintErrors(errors) = reason {
                    for error in errors {
                        eprintln!("  error: {error}");
                    }
                }
            }
            anyhow::bail!("version {} was not approved; nothing changed", args.label)
        }
        Err(other) => Err(other.into()),
    }
}

/// One version: label, status, approval date, decision body and minutes, and a lint override if any.
fn line(record: &VersionRecord) -> String {
    let mut line = format!("{}\t{}", record.label, record.status.as_str());
    if let Some(day) = record.approved_on {
        line.push_str(&format!("\t{day}\t{}", record.approved_by));
    }
    if let Some(minutes) = &record.minutes_ref {
        line.push_str(&format!("\t{minutes}"));
    }
    if let Some(reason) = &record.lint_override_reason {
        line.push_str(&format!("\tlint errors overridden: {reason}"));
    }
    line
}
