# Tarina: user-interface text in English.

site-name = The Espoo Story
skip-to-content = Skip to main content
language-nav-label = Language
language-name-fi = Suomi
language-name-sv = Svenska
language-name-en = English
main-nav-label = Main menu
nav-home = Home
nav-areas = Areas and goals
nav-programmes = Development programmes
nav-narrative = The story
nav-timeline = Preparation
breadcrumb-label = Breadcrumb
notice-translation-unreviewed = This English translation has not yet been reviewed by the City of Espoo. The Finnish text is the original.
notice-translation-missing = Some of the content on this page is not yet available in English and is shown in Finnish.
footer-accessibility = Accessibility statement
footer-api = Open API
footer-about = The city strategy as open data in Finnish, Swedish and English.

version-line = Version { $version }, council term { $term }.
approved-line = Approved
vision-heading = Vision
values-heading = Values and operating principles
headline-goals-heading = Key goals of the council term
related-goals = Goals
goal-number = goal { $number }
areas-title = Areas and council-term goals
area-goal-count = { $count ->
    [one] 1 council-term goal
   *[other] { $count } council-term goals
}
programmes-title = Cross-administrative development programmes
more-heading = More about the strategy
narrative-title = The story: where we come from and where we are going
narrative-description = The strategy's narrative: Espoo's history, present and direction.
timeline-title = How the strategy was prepared
timeline-description = The stages of preparing the strategy and how people took part, 2016–2017.
source-label = Source
action-count = { $count ->
    [one] 1 action
   *[other] { $count } actions
}
aim-heading = Aim
council-goals-heading = Goals for the council term { $term }
goal-position = Goal { $number } of { $total } for the council term { $term }
area-label = Area
actions-heading = Actions
goal-pager-label = Other goals
previous-goal = Previous goal
next-goal = Next goal
about-programmes-heading = About the development programmes
toc-heading = Contents
event-kind-participation = Participation
event-kind-council = City council and city board
event-kind-review = Committees
event-kind-approval = Approval

a11y-title = Accessibility statement
a11y-description = How this service meets the accessibility requirements and how to give feedback.
a11y-intro = This accessibility statement covers this strategy service. Our aim is that the service meets the requirements of the Act on the Provision of Digital Services (306/2019) and level AA of the WCAG 2.1 guidelines.
a11y-status-heading = Compliance status
a11y-status = The service partially meets the accessibility requirements. The known shortcomings are listed below.
a11y-gaps-heading = Known shortcomings
a11y-gap-translations = The Swedish and English translations have not yet been reviewed by the city. Where a translation is missing, the text is shown in Finnish and marked as Finnish.
a11y-gap-audit = The accessibility of the service has not yet been assessed by an outside expert, and automated accessibility checks have not yet been put in place.
a11y-how-heading = How accessibility has been taken into account
a11y-how = The pages work without JavaScript. They have a link that skips to the main content, landmarks, one main heading and a breadcrumb. The language of each page is marked, and the language links lead to the same page in another language.
a11y-feedback-heading = Feedback and contact information
a11y-feedback = Did you notice a shortcoming? Please tell us. We reply within 14 days. E-mail:
a11y-enforcement-heading = Enforcement authority
a11y-enforcement = If you are not satisfied with the reply, or you do not get a reply within two weeks, you can report it to the enforcement authority. Instructions (in Finnish, Swedish and English):
a11y-dated = This statement was prepared on 27 November 2026.

api-title = Open API
api-description = The strategy as open data: a JSON API and its OpenAPI description.
api-intro = All content of the strategy is available as JSON. Every text is an object with Finnish (fi), Swedish (sv) and English (en). The API is described below.
api-openapi-link = OpenAPI 3.1 description (JSON)
api-parameters = Parameters
api-responses = Responses

error-go-home = Go to the home page
problem-title-400 = Bad request
problem-title-404 = Page not found
problem-title-405 = Method not allowed
problem-title-408 = Request timed out
problem-title-413 = Request too large
problem-title-500 = Something went wrong
problem-title-503 = Service temporarily unavailable
problem-detail-no-page = There is no page at this address. Check the address or start from the home page.
problem-detail-method = This kind of request cannot be sent to this address.
problem-detail-timeout = Sending the request took too long.
problem-detail-too-large = The request is larger than the service accepts.
problem-detail-bad-request = The request is not valid.
problem-detail-internal = An unexpected error occurred. It has been logged and we will look into it.
problem-detail-unavailable = The database cannot be reached right now. Please try again in a moment.
problem-detail-malformed-id = The id "{ $value }" is not valid: an id is a whole number from 1 to 999999.
problem-detail-no-goal = There is no goal with the id { $value }.

# The yearly cascade: indicators, situational picture and budget annex.
nav-situation = Situational picture
nav-indicators = Indicators
status-heading = Status
status-on_track = On track
status-at_risk = At risk
status-off_track = Off track
status-no_data = No data
example-badge = example
indicators-title = Indicators
indicators-title-page = Indicators, page { $page } of { $pages }
pagination-label = Pages of the indicator list
pagination-previous = Previous page
pagination-next = Next page
pagination-page = Page
indicators-description = The strategy's indicators: latest value, status against the target and forecast.
indicators-table-caption = All indicators and their status
indicator-column = Indicator
indicator-latest = Latest value
indicator-target = Target
indicator-eyebrow = Indicator
indicator-example-notice = Some figures of this indicator are examples that illustrate the service. They are not official city statistics; the examples are marked.
indicator-no-values = This indicator has no values yet.
indicator-forecast = At this pace the value will be { $value } in { $year } (range { $low }–{ $high }, based on the { $points } latest values); the target is { $target }.
status-rule-indicator = An indicator's status compares the latest value for the whole city with the straight path from the baseline to the target: up to 5 % of the planned change behind is on track, up to 20 % at risk, more off track. Other regions are judged against the same relative change from their own first value.
status-rule-action = An action is on track when in progress or completed and at risk when delayed; an action not started or not reported does not affect the status.
status-rule-goal = A goal's status rolls up its indicators (direct or through its performance targets) and actions: if at least half of those with data are off track, the goal is off track; if any is at risk or off track, at risk; otherwise on track.
status-rule-area = An area's status rolls up its goals by the same rule.
indicator-definition = Definition
indicator-unit = Unit
indicator-direction = Direction
direction-increase = Higher is better
direction-decrease = Lower is better
direction-band = Stays within
indicator-baseline = Baseline
indicator-milestone = Milestone
indicator-source = Data source
indicator-licence = Licence
indicator-connector = Fetched automatically
indicator-connector-table = { $connector }, table { $table }
indicator-checked = Last checked with the source { $checked }
indicator-not-checked = Not yet checked with the source
indicator-frequency = Update frequency
frequency-monthly = Monthly
frequency-quarterly = Quarterly
frequency-annual = Annual
frequency-irregular = Irregular
indicator-chart-heading = Trend
indicator-chart-caption = The chart shows the values by region with the baseline, milestones, target, forecast and the strategy's estimates. The table holds the same data.
indicator-table-caption = Values: { $region }, newest first
column-date = Date
column-value = Value
column-region = Region
indicator-table-truncated = The table shows the { $shown } newest of { $total } values; all values are in the CSV file.
indicator-regions-heading = Regions compared
indicator-regions-caption = Latest value and status by region
targets-heading = Performance targets
binding = binding target
corrections-heading = Correction history
corrections-caption = Corrected values: the earlier value is kept
corrections-old-value = Earlier value
corrections-replaced = Replaced
downloads-heading = Open data
download-csv = Values as a CSV file
download-jsonstat = Values as JSON-stat 2.0
download-json = The indicator as JSON (API)
download-xlsx = The annex as an Excel file (XLSX)
situation-title = Situational picture
situation-description = The status of the council-term goals by area, rolled up from indicators and actions.
goal-count = { $count ->
    [one] 1 goal
   *[other] { $count } goals
}
situation-area-caption = Goals and their status
goal-column = Goal
situation-actions-reported = Actions reported
situation-rule-heading = How the status is worked out
annex-index-title = Budget annexes
annex-description = Strategic performance targets and indicators by department for the budget year.
annex-none = There are no performance targets yet.
annex-title = Budget: strategic targets and indicators
annex-example-notice = This year's performance targets are examples that illustrate the service; they are not targets approved by the city.
annex-years-label = Budget years
target-number = Performance target { $id }
responsible = Responsible
annex-indicators-caption = Indicators of the performance target
target-no-indicators = This performance target has no indicator yet.
assessment-heading = Assessment
grade-achieved = Achieved
grade-partly_achieved = Partly achieved
grade-not_achieved = Not achieved
grade-not_assessable = Not assessable
action-state-not_started = not started
action-state-in_progress = in progress
action-state-delayed = delayed
action-state-completed = completed
chart-baseline = Baseline
chart-milestone = Milestone
chart-target = Target
chart-forecast = Forecast
annex-col-organisation = Department
annex-col-target_id = No.
annex-col-target = Performance target
annex-col-binding = Binding
annex-col-goals = Council-term goals
annex-col-responsible = Responsible
annex-col-indicator = Indicator
annex-col-unit = Unit
annex-col-baseline = Baseline
annex-col-baseline_date = Baseline date
annex-col-target_value = Target value
annex-col-target_date = Target date
annex-col-latest = Latest value
annex-col-latest_date = Latest value date
annex-col-status = Status
annex-col-assessment = Assessment
annex-col-example = Example
annex-col-justification = Justification of the assessment
yes = yes
no = no
problem-detail-no-indicator = There is no indicator with the id { $value }.
problem-detail-unknown-region = There is no region "{ $value }". The regions' slugs are listed at /api/v1/regions.
problem-detail-malformed-date = The date "{ $value }" is not valid: write dates as YYYY-MM-DD, for example 2018-12-31.
problem-detail-date-range = The period is the wrong way round ({ $value }): the start date (from) must not be after the end date (to).
problem-detail-malformed-limit = The limit "{ $value }" is not valid: it must be a whole number from 1 to 100000.
problem-detail-malformed-list-limit = The limit "{ $value }" is not valid: it must be a whole number from 1 to 10000.
problem-detail-malformed-offset = The offset "{ $value }" is not valid: it must be a whole number from 0 to 1000000000.
problem-detail-malformed-year = The year "{ $value }" is not valid: a budget year is a four-digit year from 2000 to 2100.
problem-detail-malformed-lang = The language "{ $value }" is not available: choose fi, sv or en.
problem-detail-repeated-parameter = The parameter { $value } is given more than once; give it only once.
table-scroll-label = Table (scrolls sideways)

# Projections, ceilings, approximate figures and licences not stated
direction-ceiling = At most the target value
indicator-projection = The strategy's estimate
indicator-no-target = This indicator has no target: it describes the operating environment, and its status is not judged. The strategy's estimates are shown in the chart as a dotted line; they are not goals.
chart-projection = Estimate
licence-not-stated = Licence not stated
reference-approximate = about
reference-date-assumed = date assumed
organisation-valid-until = Under this name until { $to }.
organisation-valid-from = Under this name from { $from }.
organisation-valid-between = Under this name from { $from } to { $to }.

## Staff pages: sign-in, sessions, accounts; error statuses of writes
problem-title-401 = Sign-in required
problem-title-403 = Not allowed
problem-title-409 = Conflict
problem-title-412 = Changed meanwhile
problem-title-415 = Unsupported format
problem-title-422 = Cannot be saved
problem-title-429 = Too many attempts
problem-detail-unauthorized = Sign in first.
problem-detail-forbidden = Your role does not allow this.
problem-detail-cross-site = The request came from another site and was not processed.
problem-detail-form-token = The form has expired or did not come from this site. Reload the page and try again.
problem-detail-conflict = The item has changed or already exists.
problem-detail-precondition = Someone else changed the item meanwhile. Fetch the latest version and try again.
problem-detail-unprocessable = The data breaks a rule, so nothing was saved.
problem-detail-media-type = Send the data as a form or as JSON.
staff-site-name = Tarina – staff
staff-nav-label = Staff menu
staff-nav-home = Home
staff-nav-accounts = Accounts
staff-nav-sessions = Your sessions
staff-sign-out = Sign out
staff-public-site = Public site
staff-signed-in-as = Signed in as { $name } ({ $role })
staff-sign-in-title = Sign in
staff-sign-in = Sign in
staff-email = Email address
staff-password = Password
staff-error-email-missing = Enter your email address.
staff-error-password-missing = Enter your password.
staff-error-sign-in-refused = The email address or the password is wrong.
staff-error-sign-in-locked = Too many failed sign-ins. Try again in 15 minutes.
staff-error-sign-in-busy = The service is busy right now. Try again in a moment.
form-error-summary = Please correct these
staff-home-title = Staff pages
staff-home-intro = Hello { $name }! Your role is { $role }.
staff-home-organisation = Your organisation: { $organisation }
staff-home-can = You may
operation-view-internal = see internal notes and unpublished items
operation-manage-accounts = manage accounts, roles and API tokens
operation-read-audit-log = read the audit log
operation-edit-strategy = edit the strategy
operation-edit-indicator-definition = edit indicator definitions
operation-record-values = record indicator values
operation-edit-targets = edit performance targets
operation-approve-targets = take a year's performance targets to approval
operation-report-action-progress = report the progress of actions
role-admin = administrator
role-strategy_editor = strategy editor
role-department_editor = department editor
role-action_owner = action owner
role-viewer = viewer
staff-sessions-title = Your sessions
staff-sessions-intro = These browsers are signed in with your account. End any session you do not recognise.
staff-sessions-caption = Current sessions
staff-session-started = Started
staff-session-seen = Last used
staff-session-device = Browser
staff-session-action = Action
staff-session-this = This browser
staff-session-end = End session
staff-session-ended = The session was ended.
staff-accounts-title = Accounts
staff-accounts-caption = All accounts
staff-account-created = The account { $email } was created.
staff-name = Name
staff-role = Role
staff-organisation = Organisation
staff-organisation-none = No organisation (the whole city)
staff-language = Language
staff-account-new = New account
staff-new-password = Password
staff-new-password-hint = At least 12 characters. Leave empty if the person signs in only through the city's identity service.
staff-reason = Reason
staff-reason-hint = Recorded in the audit log.
staff-error-reason = Give a reason (at most 500 characters).
staff-account-create = Create account
account-error-email = Enter an email address like name@example.fi.
account-error-name = A name has 1 to 200 characters.
account-error-password = A password has at least 12 and at most 256 characters.
account-error-organisation = Choose an organisation for a department editor, and none for other roles.
account-error-role = Choose a role from the list.
account-error-language = Choose a language from the list.
account-error-unknown-organisation = Choose an organisation from the list.
account-error-taken = An account with this email address exists.
staff-sign-in-oidc-title = With the city's account
staff-sign-in-oidc = Sign in with the city's account
staff-error-oidc-refused = Signing in with the city's account did not work. If you do not have a Tarina account yet, ask an administrator for one.
staff-error-oidc-unavailable = The city's identity service cannot be reached right now. Try again in a moment.
staff-nav-indicators = Indicators
staff-indicators-title = Indicator values
staff-indicators-intro = These are the indicators whose values you may record.
staff-indicators-caption = Indicators whose values you may record
staff-indicators-none = No indicators are assigned to you.
staff-indicator = Indicator
staff-unit = Unit
staff-latest-value = Latest value
staff-values-title = Record a value
staff-values-intro = Record one value at a time (unit: { $unit }). If the region and date already have a value, the new one replaces it and the old one is kept in the history of corrections.
staff-value-new = New value
staff-value-recorded = The value was recorded.
staff-value-record = Record value
staff-region = Region
staff-date = Date
staff-date-hint = The day the value describes, as YYYY-MM-DD, for example 2024-12-31 (the last day of the year).
staff-value = Value
staff-value-hint = A number, for example 71.5 or 71,5, without thousands separators.
staff-source = Source
staff-source-hint = Where the value comes from, for example a statistic or a report.
staff-values-recent = Latest values
staff-values-recent-caption = The indicator's ten latest values
staff-values-none = The indicator has no values yet.
staff-example = example
staff-error-region = Choose a region from the list.
staff-error-date = Give the date as YYYY-MM-DD, between 1900 and 2100.
staff-error-value = Enter a number, for example 71.5 or 71,5.
staff-error-source = Give the source (at most 500 characters).
staff-nav-audit = Audit log
staff-audit-title = Audit log
staff-audit-intro = Every change: who, when, why, what it touched and the details before and after. Newest first.
staff-audit-actor = Who
staff-audit-actor-hint = Part of who made it, for example user:12 or connector:
staff-audit-text = Search the summary, reason or subject
staff-audit-from = From
staff-audit-to = To
staff-audit-filter = Filter
staff-audit-download = Download the filtered entries as CSV
staff-audit-caption = Audit log entries
staff-audit-when = Time (UTC)
staff-audit-who = Who
staff-audit-what = Change
staff-audit-details = Details
staff-audit-before = Before
staff-audit-after = After
staff-audit-none = No entries with these filters.
staff-audit-pages = Audit log pages
staff-audit-newer = Newer
staff-audit-older = Older
staff-date-format = As YYYY-MM-DD
staff-nav-actions = Actions
staff-nav-targets = Performance targets
staff-actions-title = Progress of actions
staff-actions-intro = These are the actions whose progress you may report.
staff-actions-caption = Actions whose progress you may report
staff-actions-none = No actions are assigned to you.
staff-actions-back = Back to the actions
staff-action = Action
staff-goal = Goal
staff-progress-title = Report progress
staff-progress-heading = Progress of action { $action }
staff-progress-none = not reported
staff-progress-state = State
staff-progress-percent = Per cent done
staff-progress-percent-hint = A whole number from 0 to 100. Leave empty if it cannot be given.
staff-progress-as-of = Situation on
staff-progress-note = Note
staff-progress-note-hint = What has been done and what comes next. Finnish is the source; Swedish and English may be added now or later.
staff-choose = Choose
staff-text-in-fi = In Finnish
staff-text-in-sv = In Swedish
staff-text-in-en = In English
staff-translation-missing = translation missing
staff-edit-save = Save
staff-edit-saved = The changes were saved.
staff-error-state = Choose a state from the list.
staff-error-percent = Give a whole number from 0 to 100, or leave the field empty.
staff-error-as-of = Give the date as YYYY-MM-DD, between 2000 and 2100.
staff-error-too-long = The text is too long: at most 5000 characters.
staff-error-finnish-required = Write the text in Finnish first: it is the source of the translations.
staff-error-grade = Choose a grade from the list.
staff-error-grade-needed = Choose a grade for the justification, or remove the justification.
staff-conflict-title = Someone saved this item after you opened the form
staff-conflict-intro = Nothing of yours was saved yet. Compare the saved version with yours below.
staff-conflict-caption = The saved version and yours
staff-conflict-field = Field
staff-conflict-saved = Saved now
staff-conflict-yours = Yours
staff-conflict-differs = differs
staff-conflict-next = The form below holds your version. Save it to replace the saved version, or change it first.
staff-targets-title = Performance targets
staff-targets-intro = The performance targets of a budget year and where they stand: draft, proposed with the budget, or approved by the city council. The public site shows only targets the council has approved.
staff-targets-caption = Performance targets for { $year }
staff-targets-none = There are no performance targets yet. Start with a new target.
staff-targets-back = Back to the performance targets
staff-year = Year
staff-target = Performance target
staff-target-binding = binding target
staff-assessment-title = Assess a performance target
staff-assessment-heading = Assessment of performance target { $target } ({ $year })
staff-assessment-grade = Grade
staff-assessment-no-grade = not assessed
staff-assessment-justification = Justification
staff-assessment-justification-hint = Why the target got its grade. Required with a grade; Finnish is the source.
staff-markdown-hint = You can format the text with Markdown: **bold**, *italics*, lists (- item) and links [text](https://…). Images are shown as links and HTML as plain text.
staff-account-title = Account
staff-accounts-back = Back to the accounts
staff-account-active = May sign in
staff-account-active-hint = Untick to stop the person signing in; their sessions end at once. The account and its history are kept.
staff-account-actions = Actions answered for
staff-account-actions-hint = For an action owner: action numbers separated by commas, for example 12, 14.
staff-account-indicators = Indicators answered for
staff-account-indicators-hint = For an action owner: indicator numbers separated by commas, for example 3, 17.
account-error-assignments = Only an action owner has actions and indicators assigned: empty these fields or choose that role.
account-error-unknown-action = Give numbers of actions of the strategy, separated by commas.
account-error-unknown-indicator = Give numbers of existing indicators, separated by commas.
account-error-own-reach = You cannot take away your own admin role or sign-in: ask another admin.

## Staff: connectors
staff-nav-connectors = Connectors
staff-connectors-title = Statistics connectors
staff-connectors-intro = Indicators whose values are fetched automatically from published statistics: where from, how often, and how the last run ended. A failed run's error is shown in full; such a run changed nothing.
staff-connectors-caption = Connectors and their last runs
staff-connectors-connector = Connector
staff-connectors-source = Source
staff-connectors-interval = Interval
staff-connectors-last-run = Last run
staff-connectors-result = Result
staff-connectors-checked = Last checked with the source
staff-connectors-table = table { $table }
staff-connectors-never = Not run yet
staff-connectors-not-checked = Not checked yet
staff-connectors-succeeded = Succeeded: { $read } read, { $missing } missing; { $added } added, { $corrected } corrected, { $unchanged } unchanged.
staff-connectors-source-updated = Source updated { $updated }.
staff-connectors-failed = Failed:
staff-connectors-none = No indicator has a connector.
staff-connectors-kind-pxweb = PxWeb API (v1)
staff-connectors-kind-jsonstat = JSON-stat 2.0 address
staff-connectors-kind-sotkanet = Sotkanet (THL)
staff-connectors-kind-csv = CSV file
staff-connectors-kind-xlsx = Excel workbook (XLSX)
staff-connectors-edit = Edit settings
staff-connectors-add = A connector for another indicator
staff-connector-title = Connector settings
staff-connector-heading = Connector: { $name }
staff-connector-intro = The settings are written in TOML, as in a data file's [connector] table (see the README). They are checked before they are saved. An empty field removes the connector; values already fetched stay.
staff-connector-settings = Settings
staff-connector-settings-hint = For example name, kind, url, region, time, value and interval.
staff-connector-save = Save the settings
staff-connector-saved = The settings were saved.
staff-connector-back = Back to the connectors
staff-error-connector = The settings cannot be used:

## The write API and API tokens
problem-title-428 = Version required
problem-detail-precondition-required = Say which version you are changing: send its ETag in If-Match (or * to write whatever the version).
problem-detail-token = Send a valid API token as Authorization: Bearer followed by the token. The token may be unknown, revoked or expired.
problem-detail-token-scope = The API token does not reach this item: its role, organisation or assignments, or its account's, do not allow it.
problem-detail-invalid = The request has mistakes, listed in errors, each with its place; nothing was saved.
problem-detail-malformed-json = The body is not valid JSON: { $value }
problem-detail-malformed-if-match = If-Match must be * or ETags in double quotes, separated by commas.
api-error-shape = Not what the API document describes here: { $value }
api-error-region = Not a region this indicator is reported for. Its regions are { $value }.
api-error-date = Give a date as YYYY-MM-DD, from 1900 to 2100.
api-error-value = Give a finite number.
api-error-source = Give the source: 1 to 500 characters, not only spaces, without control characters.
api-error-reason = Give the reason: 1 to 500 characters, not only spaces, without control characters.
api-error-values = Give 1 to 10,000 values.
api-error-repeated = The same region and date as the value at { $value }.
api-error-version-label = Give a label of 1 to 40 letters, digits, dots, hyphens or underscores (not { $value }).
api-error-version-unknown = There is no strategy version { $value } to copy.
api-error-version-conflict = The version cannot take this step: { $value }
api-error-decision-body = Give the decision body in Finnish.
api-error-decision-date = Give the date of the decision as YYYY-MM-DD.
api-error-decision-minutes = Give the reference to the minutes, e.g. Kvalt 11.9.2017 § 123.
api-error-decision-lint = The lint finds an error, so give a reason to override it: { $value }
staff-nav-tokens = API tokens
staff-tokens-title = API tokens
staff-tokens-intro = An API token lets an integration write through the API for an account. Its role (and organisation or assignments) narrows what the account may do; it never reaches further. Only a fingerprint of the token is stored, so it is shown once, when it is created.
staff-tokens-caption = All API tokens
staff-tokens-none = There are no API tokens yet.
staff-token-name = Name
staff-token-name-hint = What the token is for, for example "Statistics Finland import".
staff-token-account = Account
staff-token-account-choose = Choose an account
staff-token-reach = Reach
staff-token-reach-organisation = { $organisation } and its units
staff-token-reach-role = what the role reaches
staff-token-reach-indicator = indicator { $id }
staff-token-reach-action = action { $id }
staff-token-indicators = Indicators (for an action owner)
staff-token-indicators-hint = The ids of the indicators whose values the token may record, separated by commas. Only for an action owner.
staff-token-actions = Actions (for an action owner)
staff-token-actions-hint = The ids of the actions whose progress the token may report, separated by commas. Only for an action owner.
staff-token-expires = Last valid day
staff-token-expires-hint = As YYYY-MM-DD; the token works until the end of that day (UTC). Leave empty for a token that does not expire by itself.
staff-token-created = Created
staff-token-never = does not expire
staff-token-state = State
staff-token-state-active = active
staff-token-state-expired = expired
staff-token-state-revoked = revoked
staff-token-action = Action
staff-token-new = New API token
staff-token-create = Create token
staff-token-created-title = Copy the token now
staff-token-created-text = The token { $name } was created. Copy it now and keep it safe: it is shown only this once.
staff-token-created-use = Send it with every request:
staff-token-revoke = Revoke
staff-token-revoke-reason = Reason for revoking
staff-token-revoked = The token was revoked. It no longer opens anything.
token-error-name = A name has 1 to 100 characters.
token-error-organisation = Choose an organisation for a department editor, and none for other roles.
token-error-assignments = Give indicators or actions for an action owner, and none for other roles.
token-error-expiry = Give a day after today as YYYY-MM-DD, at the latest in 2100, or leave the field empty.
token-error-account = Choose an account from the list.
token-error-indicators = Give indicator ids as whole numbers separated by commas.
token-error-actions = Give action ids as whole numbers separated by commas.
token-error-unknown-indicator = There is no indicator with the id { $value }.
token-error-unknown-action = There is no action with the id { $value }.

# Performance targets: status, forms, year steps
target-status-draft = Draft
target-status-proposed = Proposed with the budget
target-status-approved = Approved by the city council
staff-targets-years = Budget years
staff-targets-year-heading = Budget year { $year }
staff-targets-counts = Drafts { $draft }, proposed with the budget { $proposed }, approved by the city council { $approved }.
staff-target-status = Stage
staff-target-new-link = New performance target
staff-target-new-title = New performance target
staff-target-edit-title = Editing a performance target
staff-target-edit-heading = Performance target { $target } ({ $year })
staff-target-assessment-link = Assessment
staff-target-approved-notice = The city council has approved this target, so it cannot be edited. If the target must be corrected, the strategy office returns the year's targets to proposed; the target then leaves the public site until it is approved again.
staff-target-title-label = Title of the target
staff-target-responsible = Organisation responsible
staff-target-same-responsible = The same as the budget's organisation
staff-target-choose = Choose an organisation
staff-target-goals = Council-term goals the performance target serves
staff-target-indicators = Indicators
staff-target-indicators-hint = The indicators' numbers separated by commas, for example 3, 7.
staff-target-binding-label = Binding target
staff-target-year-hint = The budget year, for example 2019.
staff-yes = Yes
staff-no = No
staff-error-year = Give a year from 2000 to 2100.
staff-error-organisation = Choose an organisation that existed in the budget year.
staff-error-goals = Choose at least one and at most 50 council-term goals.
staff-error-indicators = Give the numbers of existing indicators separated by commas (at most 50).
staff-error-indicators-reach = You may link only your own organisation's indicators, or indicators no organisation follows yet.
staff-error-step = Choose what to do with the year's targets.
staff-error-step-none = The year has no targets this step applies to.
staff-error-copy-held = Choose a year that has no performance targets yet.
staff-error-copy-empty = The year has no targets to copy.
staff-targets-steps-heading = Stage of the year's targets
staff-targets-steps-intro = Drafts go into the budget proposal, and after the council's decision the proposed targets are marked approved. Give the decision as the reason, for example the council meeting and section.
staff-targets-step = What to do with the targets
staff-targets-step-propose = Move the drafts into the budget proposal ({ $count })
staff-targets-step-withdraw = Return the proposed targets to drafts ({ $count })
staff-targets-step-approve = Mark the proposed targets approved by the city council ({ $count })
staff-targets-step-reopen = Return the approved targets to proposed for correction ({ $count })
staff-targets-step-reason-hint = For example: City council 10.12.2018 § 123.
staff-targets-step-submit = Save the stage
staff-targets-copy-heading = Copy the year's targets
staff-targets-copy-intro = The targets of { $year } are copied to another year as drafts, without assessments.
staff-targets-copy-to = Year to copy to
staff-targets-copy-submit = Copy the targets
problem-detail-target-approved = The city council has approved the target; it cannot be edited until it is returned to proposed.

# Indicator definitions
staff-definition-title = Indicator definition
staff-definition-heading = Definition of indicator { $indicator }
staff-definition-back = Back to the indicators
staff-definition-values-link = The indicator's values
staff-definition-link = Definition
staff-definition-name = Name
staff-definition-definition = Definition
staff-definition-source = Source
staff-definition-decimals = Decimals
staff-definition-direction = Direction
staff-definition-band-low = Lower limit of the band
staff-definition-band-high = Upper limit of the band
staff-definition-band-hint = Only when the direction is a band.
staff-definition-frequency = Frequency
staff-definition-licence = Licence
staff-definition-licence-hint = For example CC BY 4.0. Leave empty if the publisher has stated no licence.
staff-definition-regions = Regions
staff-definition-regions-hint = The regions' codes separated by commas, the whole city first. Regions:
staff-definition-references = Baseline, target and milestones
staff-definition-references-hint = Dates as YYYY-MM-DD. Unchanged figures keep their source; for new and changed figures, say where they are stated.
staff-definition-baseline-date = Date of the baseline
staff-definition-baseline = Baseline
staff-definition-target-date = Date of the target
staff-definition-target = Target value
staff-definition-milestones = Milestones
staff-definition-milestones-hint = One to a line: the date and the value, for example 2021-12-31 72.5.
staff-definition-basis = Where the new figures are stated
staff-definition-basis-hint = For example: Budget 2019, city council 10.12.2018.
staff-error-too-long-short = The text is too long: at most 500 characters.
staff-error-decimals = Give the number of decimals, 0 to 6.
staff-error-direction = Choose a direction from the list.
staff-error-band = Give the band's lower and upper limits as numbers, the lower at most the upper.
staff-error-frequency = Choose a frequency from the list.
staff-error-licence = Give the licence briefly (at most 100 characters, no < or >).
staff-error-regions = Give at least one region by the codes listed.
staff-error-regions-values = A region that has values cannot be removed from the indicator.
staff-error-reference = Give both the date (YYYY-MM-DD) and the value, or leave both empty.
staff-error-milestones = Write each milestone on a line of its own: the date and the value, each date once (at most 50).
staff-error-basis = Say where the new or changed figures are stated.
staff-error-ceiling-target = The direction "at most the target value" needs a target value.
staff-error-control = The text holds control characters that cannot be saved. Remove them or type the text again.
staff-upload-link = Upload values from a CSV or XLSX file
staff-upload-title = Upload values from a file
staff-upload-intro = Record many values at once from a CSV file or an Excel workbook (.xlsx, first sheet). The first row names the columns indicator, region, date, value and source, in any order; a column named example is ignored. The file is checked as a whole: if any row has a problem, every problem is listed and nothing is recorded. A value for a region and date that already has one replaces it, and the old one is kept in the history of corrections.
staff-upload-file = File
staff-upload-file-hint = CSV (UTF-8, or as Excel saves it; commas or semicolons) or XLSX, at most 20 MiB. Dates as YYYY-MM-DD (or 31.12.2018 in a semicolon-separated file or a workbook), numbers without thousands separators.
staff-upload-submit = Check and record
staff-upload-problems-title = The file has { $count } problem(s). Nothing was recorded.
staff-upload-problems-intro = Correct the file, choose it again and send it.
staff-upload-problems-caption = Problems in the file
staff-upload-line = Line
staff-upload-column = Column
staff-upload-problem = Problem
staff-upload-whole-row = whole row
staff-upload-done = The file was recorded: { $added } value(s) added, { $changed } changed, { $unchanged } unchanged.
staff-upload-error-file = Choose a CSV or XLSX file to upload.
staff-upload-error-too-large = The file is larger than 20 MiB. Split it into smaller files.
staff-upload-error-form = The form could not be read. Choose the file again and send it.
values-error-utf16 = the file is UTF-16, not UTF-8: save it as "CSV UTF-8"
values-error-nul-bytes = the file has NUL bytes (UTF-16 without a byte order mark?): save it as "CSV UTF-8"
values-error-mixed-encodings = the file mixes encodings: line { $line } has UTF-8 letters, but byte { $byte } here is not UTF-8; save it as "CSV UTF-8"
values-error-ambiguous-byte = the file is not UTF-8, and byte { $byte } means different letters in Windows-1252, ISO 8859-15 and Mac Roman, so its encoding cannot be told; save it as "CSV UTF-8"
values-error-no-nordic-letters = the file is not UTF-8, and without an ä, ö or å its encoding cannot be told (byte { $byte }); save it as "CSV UTF-8"
values-error-not-a-values-file = the file is a { $kind } file, not CSV or XLSX: save the values as "CSV UTF-8" or as an Excel workbook (.xlsx)
values-error-unreadable-workbook = the file is not a readable Excel workbook ({ $detail }): save it again as .xlsx or as "CSV UTF-8"
values-error-no-sheet = the workbook has no sheets
values-error-empty-file = the file is empty; its first line must name the columns { $columns }
values-error-no-header = the file has no header line
values-error-header-mixed-separators = the header has both semicolons and commas, so which one separates the columns cannot be told
values-error-no-values = the file has a header but no values
values-error-cannot-read = cannot read the row: { $detail }
values-error-no-column-names = the first line must name the columns { $columns } (in any order), but it reads { $found }
values-error-column-twice = the column appears twice (fields { $first } and { $second })
values-error-header-field-empty = field { $field } of the header is empty (a delimiter too many at the end of the line?)
values-error-unknown-column = unknown column; the columns are { $columns }
values-error-unknown-column-case = unknown column; the columns are { $columns }; column names are lowercase: { $known }
values-error-column-missing = the column is missing from the header
values-error-field-count = the row has { $found } field(s) but the header has { $expected }
values-error-field-count-comma = the row has { $found } field(s) but the header has { $expected }; in a comma-separated file a decimal comma must be quoted ("71,5") or written as a point (71.5)
values-error-repeated = the value of indicator { $indicator } ({ $slug }) for { $region } on { $date } is already given on line { $first }
values-error-indicator-empty = is empty: give the indicator's id or slug
values-error-not-an-indicator-id = { $text } is not an indicator id (a whole number from 1)
values-error-no-indicator-id = no indicator has the id { $id }
values-error-no-indicator-slug = no indicator has the slug { $text }
values-error-not-permitted = you may not record values of indicator { $indicator }
values-error-region-empty = is empty: give the region's slug
values-error-region-empty-example = is empty: give the region's slug, e.g. { $example }
values-error-region-not-reported = indicator { $indicator } ({ $slug }) is not reported for { $text }; its regions are { $regions }
values-error-region-unknown = unknown region; indicator { $indicator } ({ $slug }) is not reported for { $text }; its regions are { $regions }
values-error-no-region-slug = no region has the slug { $text }
values-error-source-empty = is empty: say where the value comes from, e.g. "Tilastokeskus, työssäkäyntitilasto"
values-error-date-empty = is empty: give the date as YYYY-MM-DD, e.g. 2018-12-31
values-error-day-first = { $text } is written day first, which only a semicolon-separated file (as Finnish Excel saves) may do: write YYYY-MM-DD, e.g. 2018-12-31
values-error-not-a-date = { $text } is not a date in the form YYYY-MM-DD, e.g. 2018-12-31
values-error-not-a-date-day-first = { $text } is not a date in the form YYYY-MM-DD or D.M.YYYY, e.g. 2018-12-31 or 31.12.2018
values-error-not-in-calendar = { $text } is not a date in the calendar
values-error-implausible-year = the year of { $text } is not from { $from } to { $to }; a typo?
values-error-value-empty = is empty: give a number, e.g. 71.5 or 71,5
values-error-scientific = { $text } is in scientific notation: write the number out in full
values-error-has-unit = { $text } has a unit or other text ({ $unit }): write only the number
values-error-not-finite = { $text } is not a finite number
values-error-not-a-number = { $text } is not a number
values-error-thousands-separator = { $text } has a thousands separator: write the number without one, e.g. 1234567
values-error-needs-digits = { $text } needs digits on both sides of its decimal separator, e.g. 0.5
values-error-point-and-comma = { $text } has both a point and a comma: write one decimal separator and no thousands separators, e.g. 1234.5
values-error-more-than-one = { $text } has more than one { $separator }: write one decimal separator and no thousands separators, e.g. 1234567
values-error-too-large = { $text } is too large
values-error-thousand-or-decimal = { $text } could be a decimal or a thousand, because the file writes decimals with the other separator (line { $line }): write every decimal with one separator, and no thousands separators
values-error-thousand-or-decimal-both = { $text } could be a decimal or a thousand, because the file has such numbers with both a point and a comma: write every decimal with one separator, and no thousands separators

# Strategy versions and the differences between them.
problem-detail-no-version = There is no published version { $value } of the strategy.
diff-title = Changes to the strategy
diff-description = What changed in the strategy from one version to another, item by item and language by language: added words underlined, removed words struck through.
diff-none = The versions do not differ.
diff-inserted = added:
diff-deleted = removed:
diff-position = position
diff-change-added = Added
diff-change-removed = Removed
diff-change-changed = Changed
diff-change-moved = Moved
diff-item-strategy = Strategy
diff-item-value = Value
diff-item-headline_goal = Key goal
diff-item-area = Area
diff-item-goal = Goal
diff-item-action = Action
diff-item-programme = Development programme
diff-item-chapter = Chapter
diff-item-section = Section
diff-item-timeline_event = Preparation step
diff-field-title = Title
diff-field-tagline = Tagline
diff-field-vision = Vision
diff-field-council_goals_intro = Introduction to the council-term goals
diff-field-programmes_intro = Introduction to the development programmes
diff-field-approved_by = Approved by
diff-field-source = Source
diff-field-name = Name
diff-field-description = Description
diff-field-text = Text
diff-field-aim = Aim
diff-field-body = Text
diff-field-when = When

## Strategy versions: the list of approved versions and one version whole
versions-title = Strategy versions
versions-description = The versions of the strategy approved by the city council. The current one comes first; earlier ones remain readable at their own addresses.
versions-caption = Approved versions, newest first
versions-version = Version
versions-state = Status
versions-approved-on = Approved
versions-minutes = Minutes
versions-changes = Changes
versions-current = Current
versions-earlier = Earlier version
versions-none = No version of the strategy has been approved yet.
versions-override = Approved despite errors found by the check, on the grounds
versions-diff-to-current = What has changed since version { $version }
versions-is-current = This is the current version of the strategy.
versions-is-earlier = This is an earlier version of the strategy, no longer in force.
versions-read-current = Read the current version { $version }
versions-all = All versions of the strategy

# Status updates of actions: the public action page and the staff form
action-eyebrow = Action { $id }
action-description = The action's state, progress and status updates.
action-goal-label = Goal
action-latest-heading = Latest status
action-history-heading = Earlier status updates
action-state-label = State
action-percent-label = Per cent done
action-as-of-label = Situation on
action-posted-label = Posted
action-evidence-label = More information and evidence
action-no-progress = No progress has been reported for this action yet.
action-no-history = There are no earlier status updates.
action-api-link = This action in the open API (JSON)
problem-detail-no-action = There is no action with the id { $value }.
staff-update-heading = Post a status update
staff-update-intro = The update appears on the action's public page and in the situational picture at once; earlier updates stay in the history.
staff-update-narrative = Narrative
staff-update-narrative-hint = What has been done and what comes next. Finnish is the source; Swedish and English may be added now or later.
staff-update-evidence = Links to evidence
staff-update-evidence-hint = At most three links, for example to a decision or a report. The address must start with https://. The title is optional.
staff-update-evidence-row = Link { $number }
staff-update-evidence-title = Title
staff-update-evidence-url = Address (https://…)
staff-update-post = Post the update
staff-update-posted = The status update was posted.
staff-update-history = Earlier status updates
staff-update-none = No status updates have been posted for this action yet.
staff-update-posted-by = Posted { $posted }, { $author }
staff-correct-heading = Correct the current state
staff-correct-intro = A correction changes the current state without adding an update to the history. Use it to fix mistakes.
staff-error-evidence-title = A title may have at most 200 characters and no control characters.
staff-error-evidence-url = Give an address that starts with https:// and has a domain name, for example https://www.espoo.fi/.
staff-error-evidence-count = Give at most three links.
staff-error-update-backdated = The date is before the action's current situation. Give a later date, or correct the current state below.
problem-detail-update-backdated = The update for { $value } is older than the action's current situation; nothing was saved.

# Email and resetting a password by email
staff-nav-mail = Email
operation-read-mail-outbox = see emails that bounced or could not be sent
staff-sign-in-forgot = Forgot your password?
staff-forgot-title = Reset your password
staff-forgot-intro = Enter the email address of your account. We will send it a link with which you can set a new password.
staff-forgot-send = Send the link
staff-forgot-sent = If the address has an account, a link to set a new password has been sent to it. The link works for { $minutes } minutes, once. If no message arrives, check your spam folder or ask for a new link.
staff-reset-back-to-sign-in = Back to signing in
staff-reset-title = New password
staff-reset-intro = Type your new password twice. Once it is saved, every session of your account ends and you sign in with the new password.
staff-reset-new-password = New password
staff-reset-password-hint = At least 12 and at most 256 characters.
staff-reset-password-again = New password again
staff-reset-save = Save the password
staff-reset-ask-again = Ask for a new link
staff-reset-done = Your password has been changed. Sign in with the new password.
staff-error-reset-locked = Too many attempts. Try again in 15 minutes.
staff-error-reset-link = This link no longer works: it has been used or has expired. Ask for a new link.
staff-error-passwords-differ = The passwords differ. Type the same password in both fields.
staff-mail-title = Email
staff-mail-intro = Emails Tarina sends. Bounced emails were refused for good by the receiving server and are not tried again; emails not sent were tried until their attempts ran out. Check the address and reach the person another way.
staff-mail-counts = Where emails stand
staff-mail-problems = Bounced and not sent
staff-mail-problems-caption = Emails that bounced or could not be sent, newest first
staff-mail-recipient = Recipient
staff-mail-state = State
staff-mail-purpose = About
staff-mail-attempts = Attempts
staff-mail-error = The server's answer
staff-mail-times = Times
staff-mail-queued-at = queued { $at }
staff-mail-attempted-at = last tried { $at }
staff-mail-no-problems = Every email has been sent or is about to be.
mail-state-queued = queued
mail-state-sent = sent
mail-state-failed = not sent
mail-state-bounced = bounced
mail-purpose-password_reset = password reset
mail-purpose-test = test message
mail-reset-subject = Tarina: set a new password
mail-reset-body =
    Hello { $name },

    Someone asked on Tarina's staff pages for a link to set a new password for this account. Set a new password with this link:

    { $link }

    The link works for { $minutes } minutes and only once. Once the new password is saved, every session of the account ends.

    If you did not ask for the link, you can ignore this message: your password stays as it is.

    Tarina

# The approval gate of a budget year's targets.
staff-error-lint-override-blank = Write the grounds for overriding the check's errors; spaces alone are not enough.
staff-error-lint-override-long = Write the grounds without control characters (at most 500 characters).
staff-error-lint-override-needed = The check finds errors in the year's performance targets. Fix them, or write the grounds for approving the targets despite them.
staff-targets-lint-errors = The check finds errors in the year's performance targets ({ $count }):
staff-targets-lint-override = Grounds for approving despite the check's errors
staff-targets-lint-override-hint = Needed only if the check finds errors. The grounds are shown with the targets, on the public site too.
targets-lint-override = The city council approved these performance targets although the check found errors in them. Grounds:
targets-lint-overridden = Overridden errors ({ $count })
api-error-target-year-lint = The check finds an error in the year's performance targets, so give the grounds for overriding it (lint_override): { $value }
# Reminders by email and the weekly digest
mail-purpose-reminder = reminder of a due update
mail-purpose-digest = weekly digest
operation-schedule-updates = set how often actions and indicators are updated
operation-remind-owners = see the overdue list and remind owners
interval-none = no reminders
interval-monthly = monthly
interval-quarterly = quarterly
interval-yearly = yearly
reminder-never = never
reminder-kind = { $kind ->
    [action] action
   *[indicator] indicator
}
mail-reminder-subject = Update due: { $item }
mail-reminder-body =
    Hello { $name },

    { $manual ->
        [yes] The strategy office reminds you that
       *[no] This is a reminder that
    } an update of the { $kind ->
        [action] action
       *[indicator] indicator
    } "{ $item }" is due ({ $interval }). It was due on { $due }{ $late ->
        [yes] {" "}and is now late
       *[no] {""}
    }; last update: { $last }.

    { $kind ->
        [action] Post a status update here:
       *[indicator] Record a new value here:
    }

    { $link }

    Tarina
mail-digest-subject = Weekly digest: { $organisation }, week of { $from }
mail-digest-body =
    Hello { $name },

    What happened from { $from } to { $to } in the actions and indicators of { $organisation }.

    Updated:
    { $changed }

    Late:
    { $late }

    Tarina's staff pages: { $link }

    You can stop this digest on your own page (Your sessions) in Tarina.

    Tarina
digest-nothing = - nothing
digest-changed-line = { $kind ->
    [action] action
   *[indicator] indicator
} "{ $item }": { $kind ->
    [action] { $detail } status update(s)
   *[indicator] { $detail } value(s)
}
digest-late-line = { $kind ->
    [action] action
   *[indicator] indicator
} "{ $item }": due on { $detail }
staff-nav-reminders = Overdue
staff-reminders-title = Overdue updates
staff-reminders-intro = Actions and indicators with an update interval whose update is late: more than { $grace } days past its due date. Their owners have been reminded by email when the update fell due; you can remind them again.
staff-reminders-caption = Late updates, most overdue first
staff-reminders-item = Item
staff-reminders-owners = Owners
staff-reminders-due = Due on
staff-reminders-last-update = Last update
staff-reminders-last-reminded = Last reminded
staff-reminders-remind = Remind now
staff-reminders-no-owner = No owner: give the item to an action owner on the owner's account page.
staff-reminders-none = Nothing is late.
staff-reminders-reminded = The owners were reminded; the emails are on their way.
staff-reminders-scheduled = All items with an update interval
staff-reminders-scheduled-caption = Items with an update interval
staff-reminders-interval = Interval
staff-reminders-standing = State
standing-current = up to date
standing-due = due
standing-late = late
staff-interval-title = Update interval and reminders
staff-interval-link = Update interval and reminders
staff-interval-intro = How often this item should be updated. When an update is due, its owners get a reminder by email in their language; { $grace } days later the item shows as late on the strategy office's overdue list.
staff-interval-field = Update interval
staff-interval-owners = Owners
staff-interval-owners-hint = Owners are action owners with this item assigned; an admin assigns items on each account's page.
staff-interval-no-owners = This item has no owner yet, so no reminders are sent.
staff-interval-due = Next update due on { $due }.
staff-error-interval = Choose an interval from the list.
staff-digest-title = Weekly digest
staff-digest-intro = Each Monday the accounts of an organisation get a digest of the last week: what of its actions and indicators was updated, and what is late.
staff-digest-receive = Send me the weekly digest
staff-digest-save = Save the digest setting
staff-digest-saved = Your digest setting was saved.

## Translation review
staff-nav-translations = Translations
operation-review-translations = review Swedish and English translations
staff-translations-title = Translation review
staff-translations-intro = Texts whose translation is missing or not reviewed, with the Finnish source beside each. A reviewed translation shows on the public page at once, without the notice.
staff-translations-target-sv = Swedish
staff-translations-target-en = English
staff-translations-done = Saved as reviewed: { $count }.
staff-translations-problems-title = Nothing was saved: { $count } problems
staff-translations-file-title = Translation agency (XLIFF 2.0)
staff-translations-export = Download the queue as an XLIFF file
staff-translations-import-file = Translated XLIFF file
staff-translations-import = Import translations
staff-translations-queue-title = Texts to review ({ $count })
staff-translations-missing = translation missing
staff-translations-unreviewed = not reviewed
staff-translations-source = Finnish source
staff-translations-text = Translation
staff-translations-mark-reviewed = Save as reviewed
staff-translations-empty = Every text in this language is translated and reviewed.
staff-translations-pages = Pages
translations-problem-empty = The translation is empty.
translations-problem-too-long = The translation is longer than 5,000 characters.
translations-problem-control = The translation contains control characters.
translations-problem-unknown-id = There is no text { $value }.
translations-problem-duplicate = The text { $value } is in the file twice.
translations-problem-source-changed = The Finnish source has changed since it was translated.
translations-problem-source-language = The source language is { $value }, not fi.
translations-problem-target-language = The target language (trgLang) is { $value }, not the queue's language.
translations-problem-xml = The file is not well-formed XML: { $value }
translations-problem-encoding = The file is not in UTF-8.
translations-problem-not-xliff = The file is not an XLIFF 2.0 file (root element { $value }).
translations-problem-no-id = A translation unit has no id.
translations-problem-segments = A translation unit has more than one segment.
translations-problem-markup = The text contains markup ({ $value }); only plain text is accepted.
translations-problem-state = The segment state { $value } is not one of initial, translated, reviewed or final.

## Strategy versions in the staff pages
staff-nav-versions = Strategy versions
staff-versions-title = Strategy versions
staff-versions-intro = Every version of the strategy, drafts and versions under review included. A new version starts as a draft copy of another, is submitted for review and is approved by a decision of the city; the version approved before it is then superseded. Only approved and superseded versions are public.
staff-versions-caption = Versions of the strategy
staff-version-label = Version
staff-version-status = Status
staff-version-approved-on = Decision date
staff-version-body = Decision body
staff-version-minutes = Minutes
staff-version-status-draft = Draft
staff-version-status-review = Under review
staff-version-status-approved = Approved, current
staff-version-status-superseded = Superseded
staff-version-overridden = approved despite the check's errors
staff-versions-new-heading = Start a new draft
staff-versions-new-intro = The draft is a copy of everything the chosen version holds.
staff-versions-new-label = Label of the new version
staff-versions-new-label-hint = 1 to 40 letters, digits, dots, hyphens or underscores, e.g. 1.2. The label appears in the version's address.
staff-versions-new-from = Copy from version
staff-versions-new-submit = Start the draft
staff-version-error-label = Give a label of 1 to 40 letters, digits, dots, hyphens or underscores.
staff-version-error-taken = A version with this label exists already. Choose another label.
staff-version-error-from = Choose the version to copy from the list.
staff-version-title = Strategy version
staff-version-heading = Strategy version { $label }
staff-version-refused-title = The step cannot be taken
staff-version-error-step = The version's status is now “{ $status }”, which does not allow this step. Nothing was changed.
staff-version-override = Grounds for approving despite the check's errors
staff-version-override-hint = Needed only if the check finds errors. The grounds are shown with the version, on the public site too.
staff-version-diff-link = What has changed since the current version { $version }
staff-version-diff-title = Changes between versions
staff-version-lint-heading = Check of the version
staff-version-lint-errors = The check finds errors in the version ({ $count }) against the city's performance targets and indicators:
staff-version-lint-clean = The check finds no errors in the version.
staff-version-submit-heading = Submit for review
staff-version-submit-intro = A version under review is no longer changed; withdraw it to a draft to change it.
staff-version-submit = Submit for review
staff-version-approve-heading = Approve
staff-version-approve-intro = Record the city's decision. The approved version becomes the current one on the public site at once, and the version approved before it is superseded.
staff-version-approve = Approve the version
staff-version-withdraw-heading = Withdraw to a draft
staff-version-withdraw-intro = The version goes back to a draft that can be changed and submitted again.
staff-version-withdraw = Withdraw to a draft
staff-version-body-fi = Decision body in Finnish
staff-version-body-sv = Decision body in Swedish (optional)
staff-version-body-en = Decision body in English (optional)
staff-version-body-hint = E.g. Kaupunginvaltuusto.
staff-version-date = Decision date
staff-version-date-hint = YYYY-MM-DD, e.g. 2030-01-31.
staff-version-minutes-hint = E.g. Kvalt 11.9.2017 § 123.
staff-version-error-body = Give the decision body in Finnish.
staff-version-error-date = Give the decision date as YYYY-MM-DD.
staff-version-error-minutes = Give the reference to the minutes.
staff-version-error-lint-override-needed = The check finds errors in the version. Fix them, or write the grounds for approving the version despite them.
## Editing a draft's texts
drafts-title = The version's texts
drafts-item-title = Editing texts
drafts-heading = Texts of version { $label }
drafts-status = Status: { $status }
drafts-intro = The draft's texts are edited one item at a time in Finnish, Swedish and English. Adding, removing or reordering items is not possible yet.
drafts-read-only-role = You may read the texts. Strategy editors and admins edit them.
drafts-locked = Only a draft can be edited. This version is not a draft: an approved version is never changed; changes go into a new draft.
drafts-only-draft = Only a draft can be edited: version { $value } is no longer a draft, and nothing was saved.
drafts-kinds-nav = Kinds of items
drafts-column-item = Item
drafts-column-text = Finnish text
drafts-column-translations = Translations
drafts-translations-done = translated and reviewed
drafts-missing = { $lang } missing
drafts-unreviewed = { $lang } not reviewed
drafts-not-reviewed = not reviewed
drafts-back = Texts of version { $label }
drafts-item-heading = { $item }, version { $label }
drafts-reviewed-legend = { $field }: translations reviewed
drafts-reviewed-sv = The Swedish translation is reviewed
drafts-reviewed-en = The English translation is reviewed
drafts-kind-city = City
drafts-kind-strategy = Vision and the strategy's texts
drafts-kind-value = Values and operating principles
drafts-kind-headline = Key goals of the council term
drafts-kind-area = Areas
drafts-kind-goal = Goals
drafts-kind-action = Actions
drafts-kind-programme = Cross-administrative development programmes
drafts-kind-chapter = Chapters of the story
drafts-kind-section = Sections of the story
drafts-kind-event = Preparation steps
drafts-item-city = City
drafts-item-strategy = Strategy
drafts-item-value = Value
drafts-item-headline = Key goal
drafts-item-area = Area
drafts-item-goal = Goal
drafts-item-action = Action
drafts-item-programme = Development programme
drafts-item-chapter = Chapter
drafts-item-section = Section
drafts-item-event = Preparation step

## Surveys
surveys-title = Surveys
surveys-description = The city's surveys that residents can answer, and their results.
surveys-intro = You can answer these surveys now. You answer anonymously, without signing in.
surveys-none = There are no open surveys right now.
surveys-closes = Answers are taken until { $date }.
surveys-back = All surveys
survey-results-link = See the survey's results
survey-answer-link = Answer the survey
survey-closed = This survey closed on { $date } and no longer takes answers.
survey-upcoming = This survey opens for answers on { $date }.
survey-page-of = Page { $page } of { $pages }
survey-error-summary = Please check your answers
survey-error-prefix = Error:
survey-optional = optional
survey-trap-label = Leave this field empty
survey-region-none = No choice
survey-previous = Previous page
survey-next = Next page
survey-send = Send your answers
survey-privacy-heading = Privacy
survey-notice-trap = The form had a field filled in that people do not see, so the answers were not saved. If you are answering yourself, please send the form again.
survey-notice-too-fast = The form was sent so quickly that the answers were not saved. Please check your answers and send them again.
survey-notice-expired = The form had expired, so the answers were not saved. Your answers are kept below: please check them and send again.
survey-problem-required = Please answer this question.
survey-problem-unknown-choice = Please choose one of the options given.
survey-problem-one-only = Please choose only one option.
survey-problem-not-a-number = Please write a number, for example 12 or 12.5.
survey-problem-out-of-range = Please write a number from { $min } to { $max }.
survey-problem-not-a-date = Please write the date as 2026-12-31.
survey-problem-too-long = The answer is too long: at most { $max } characters.
survey-problem-control-characters = The answer contains characters that are not text. Please remove them.
survey-thanks-title = Thank you for your answer
survey-thanks-saved = Your answer has been saved in the survey
survey-receipt-heading = Receipt code
survey-receipt-explained = Keep this code. With it your answers can be found and erased if you ask for it. The code cannot be linked to you unless you give it yourself.
survey-results-title = Results
survey-results-responses = { $count ->
    [one] { $count } person has answered the survey.
   *[other] { $count } people have answered the survey.
}
survey-results-examples = { $count ->
    [one] Of the answers, { $count } is an example answer, not a resident's.
   *[other] Of the answers, { $count } are example answers, not residents'.
}
survey-results-live = The results are updated as soon as a new answer is saved.
survey-results-answered = { $count ->
    [one] { $count } answer to this question.
   *[other] { $count } answers to this question.
}
survey-results-text-moderated = Free-text answers are published only after moderation.
survey-results-col-answer = Answer
survey-results-col-count = Number
survey-results-col-share = Share
survey-results-by-language = Answers by language
survey-results-by-region = Answers by area
survey-results-col-language = Language
survey-results-col-region = Area
survey-results-col-responses = Respondents
survey-results-col-score = Satisfaction
survey-results-no-region = Area not given
survey-results-api = The results as JSON
survey-results-csat = Satisfied (4 or 5) { $value } % (95 % confidence interval { $low }–{ $high } %, n = { $n })
survey-results-nps = NPS { $value } (95 % confidence interval { $low }–{ $high }, n = { $n })
problem-detail-survey-rate = Too many answers have been sent from this address in a short time. Please wait a moment and try again.
problem-detail-survey-malformed = The form's data could not be read. Please open the survey again and answer it.
problem-detail-no-survey = There is no survey { $value }, or its results are not public.
