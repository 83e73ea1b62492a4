package config

// Example is what `rmad config example` prints.
const Example = `# rmad configuration (contracts/config.md). Every key can be overridden by an
# environment variable RMAD_<KEY>, e.g. RMAD_DATABASE_URL, RMAD_SMTP_URL and, for a
# mailbox named "support", RMAD_MAILBOX_SUPPORT_URL; keep secrets there.

database_url = "postgres://rmad@127.0.0.1:5432/rmad"
policy = "qct"                # qct | qnap | altai | ixsystems | path/to/policy.toml
listen = "127.0.0.1:8025"     # /healthz and /metrics; "" turns it off
log_format = "text"           # text | json
poll_interval = "30s"         # only used when the IMAP server has no IDLE
workers = 4                   # messages of one mailbox processed at once (one sender's always in order)
mailbox_lease = "30s"         # several rmad processes: one watches each mailbox; another takes over after this
max_message_size = 26214400   # bytes; larger mail is kept without its attachments
notice_attachment_limit = 10485760  # bytes of the customer's files an agent notice carries; larger are listed
auto_reply_limit = 5          # automatic answers per sender (jane+x@ counts as jane@) per hour
auto_reply_domain_limit = 30  # automatic answers per recipient domain per hour (freemail domains excepted)
auto_reply_desk_limit = 600   # automatic answers of the whole desk per hour
max_units = 25                # units of one request the desk acts on by itself; above, agents decide
# secret = ""                 # HMAC key of rmad's signed Message-IDs; default: generated, kept in the database
# templates = "/etc/rmad/templates"  # *.tmpl files replacing built-in mail texts

[desk]
name = "Example Support"      # display name on the mail rmad sends; printable, at most 100 characters

[smtp]
url = "smtp://user:pass@mail.example.com:587?tls=starttls"   # tls = none | starttls | tls
timeout = "60s"               # one SMTP session; an unfinished send is retried after twice this

[[mailbox]]
name = "support"
role = "support"              # support | rma
address = "support@example.com"
url = "imaps://support%40example.com:secret@imap.example.com:993/INBOX"
after = "seen"                # seen | move:FOLDER | delete

[[mailbox]]
name = "rma"
role = "rma"
address = "rma@example.com"
url = "imaps://rma%40example.com:secret@imap.example.com:993/INBOX"
after = "move:Processed"

[people]
agents = ["@example.com"]     # agent addresses, or @domain
notify = "agents@example.com" # new-ticket notices; "" = every listed agent address
finance = "finance@example.com"
notify_owned = false          # the customer's replies on a ticket an agent took (#take) go to notify too
trusted_authserv_id = ""      # e.g. "mx.example.com": agent mail must pass dkim/spf/dmarc there

# OAuth2 (Microsoft 365, Google Workspace): a mailbox or the SMTP URL logs in with a token instead
# of a password: url = "imaps://support%40example.com@outlook.office365.com/INBOX?auth=xoauth2&oauth=m365"
# (auth = xoauth2 | oauthbearer; oauth = the [oauth.NAME] below). Tokens are kept in the database,
# encrypted with token_key (set RMAD_TOKEN_KEY; openssl rand -hex 32). Secrets: RMAD_OAUTH_M365_CLIENT_SECRET.
# [oauth.m365]
# provider = "microsoft"        ## microsoft | google | generic (generic needs token_url)
# flow = "client_credentials"   ## app-only access to shared mailboxes (scope https://outlook.office365.com/.default)
# tenant = "contoso.onmicrosoft.com"
# client_id = "00000000-0000-0000-0000-000000000000"
# client_secret = ""            ## better: RMAD_OAUTH_M365_CLIENT_SECRET
# [oauth.gmail]
# provider = "google"
# flow = "refresh_token"        ## delegated: 'rmad oauth login gmail' stores the first refresh token
# client_id = "1234-abc.apps.googleusercontent.com"
# client_secret = ""            ## RMAD_OAUTH_GMAIL_CLIENT_SECRET
## flow = "service_account" with service_account_file = "/etc/rmad/sa.json" and subject = "rma@example.com"
## is Google's domain-wide delegation; scopes, token_url and device_auth_url default per provider.
`
