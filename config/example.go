package config

// Example is what `rmad config example` prints.
const Example = `# rmad configuration (contracts/config.md). Every key can be overridden by an
# environment variable RMAD_<KEY>, e.g. RMAD_DATABASE_URL, RMAD_SMTP_URL and, for a
# mailbox named "support", RMAD_MAILBOX_SUPPORT_URL, and RMAD_JOBS_DIGEST for [jobs] digest;
# keep secrets there. An RMAD_* variable that names no key is an error.

database_url = "postgres://rmad@127.0.0.1:5432/rmad"
policy = "qct"                # qct | qnap | altai | ixsystems | path/to/policy.toml
listen = "127.0.0.1:8025"     # /healthz and /metrics; "" turns it off
log_format = "text"           # text | json
mailbox_lease = "30s"         # several rmad processes: one watches each mailbox; another takes over after this
# Every mailbox is checked at least every mailbox_lease/3 (when its lease is renewed), with or
# without IDLE; without IDLE it is polled every poll_interval, so only values below mailbox_lease/3
# change anything (a larger one is used as mailbox_lease/3, with a warning). Default: mailbox_lease/3.
poll_interval = "10s"
workers = 4                   # messages of one mailbox processed at once (one sender's always in order)
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

[retention]                   # applied by the nightly retention job; "" (the default) keeps everything
# raw_after = "180d"          # raw mail and attachments of tickets closed and idle this long (h, d, w, y)
# closed_after = "2y"         # tickets closed this long ago, keeping anonymised billing rows
# timeout = "30m"             # deadline of each purge or forget statement (they scan the whole mail store)

[health]                      # when /healthz answers 503 (RMAD_HEALTH_MAILBOX_DOWN etc.)
mailbox_down = "5m"           # a mailbox disconnected (or never connected) this long
outbox_oldest = "30m"         # the oldest unsent mail queued this long ago
job_failures = 3              # a scheduled job whose last N runs failed
database_timeout = "10s"      # deadline of every database call and of the health ping

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
