//! SMTP through `lettre`, with pooled connections so that a queue of emails reuses one session.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::{SendError, SmtpSettings, TlsMode};
use crate::domain::mail::OutboxMail;

pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub fn new(settings: &SmtpSettings, from: &str) -> anyhow::Result<Smtp> {
        let from: Mailbox = from
            .parse()
            .map_err(|error| anyhow::anyhow!("the mail From address {from:?} is not an address: {error}"))?;
        let tls = match settings.tls {
            TlsMode::None => Tls::None,
            TlsMode::Starttls => Tls::Required(TlsParameters::new(settings.host.clone())?),
            TlsMode::Tls => Tls::Wrapper(TlsParameters::new(settings.host.clone())?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
            .port(settings.port)
            .tls(tls)
            .timeout(Some(settings.timeout));
        if let Some(user) = &settings.user {
            let password = settings.password.as_ref().map(|p| p.0.clone()).unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(Smtp {
            transport: builder.build(),
            from,
        })
    }

    pub async fn send(&self, mail: &OutboxMail) -> Result<(), SendError> {
        let refused = |message: String| SendError {
            message,
            permanent: true,
            unreachable: false,
        };
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|error| refused(format!("{:?} is not an address: {error}", mail.recipient)))?;
        let message = Message::builder()
            .message_id(Some(format!("<{}>", mail.message_id)))
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body_text.clone())
            .map_err(|error| refused(format!("the email cannot be written: {error}")))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) => Err(SendError {
                message: error.to_string(),
                permanent: error.is_permanent(),
                // Without an SMTP answer the server was not reached (or dropped us): the rest would fare alike.
                unreachable: !(error.is_permanent() || error.is_transient()),
            }),
        }
    }
}
