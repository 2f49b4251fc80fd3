# Tarina: användargränssnittets texter på svenska.

site-name = Berättelsen om Esbo
skip-to-content = Hoppa till huvudinnehållet
language-nav-label = Språk
language-name-fi = Suomi
language-name-sv = Svenska
language-name-en = English
main-nav-label = Huvudmeny
nav-home = Startsida
nav-areas = Delområden och mål
nav-programmes = Utvecklingsprogram
nav-narrative = Berättelsen
nav-timeline = Beredning
breadcrumb-label = Brödsmulor
notice-translation-unreviewed = Denna svenska översättning har ännu inte granskats av Esbo stad. Den finska texten är originalet.
notice-translation-missing = En del av innehållet på denna sida finns ännu inte på svenska och visas på finska.
footer-accessibility = Tillgänglighetsutlåtande
footer-api = Öppet gränssnitt (API)
footer-about = Stadens strategi som öppna data på finska, svenska och engelska.

version-line = Version { $version }, fullmäktigeperioden { $term }.
approved-line = Godkänd
vision-heading = Vision
values-heading = Värderingar och verksamhetsprinciper
headline-goals-heading = Centrala mål för fullmäktigeperioden
related-goals = Mål
goal-number = mål { $number }
areas-title = Delområden och mål för fullmäktigeperioden
area-goal-count = { $count ->
    [one] 1 mål för fullmäktigeperioden
   *[other] { $count } mål för fullmäktigeperioden
}
programmes-title = Förvaltningsövergripande utvecklingsprogram
more-heading = Mer om strategin
narrative-title = Berättelsen: varifrån vi kommer och vart vi är på väg
narrative-description = Strategins berättelse: Esbos historia, nuläge och riktning.
timeline-title = Så bereddes strategin
timeline-description = Skedena i beredningen av strategin och hur man deltog, 2016–2017.
source-label = Källa
action-count = { $count ->
    [one] 1 åtgärd
   *[other] { $count } åtgärder
}
aim-heading = Målsättning
council-goals-heading = Mål för fullmäktigeperioden { $term }
goal-position = Mål { $number } av { $total } för fullmäktigeperioden { $term }
area-label = Delområde
actions-heading = Åtgärder
goal-pager-label = Andra mål
previous-goal = Föregående mål
next-goal = Nästa mål
about-programmes-heading = Om utvecklingsprogrammen
toc-heading = Innehåll
event-kind-participation = Delaktighet
event-kind-council = Stadsfullmäktige och stadsstyrelsen
event-kind-review = Nämnderna
event-kind-approval = Godkännande

a11y-title = Tillgänglighetsutlåtande
a11y-description = Hur denna tjänst uppfyller tillgänglighetskraven och hur du kan ge respons.
a11y-intro = Detta tillgänglighetsutlåtande gäller denna strategitjänst. Målet är att tjänsten uppfyller kraven i lagen om tillhandahållande av digitala tjänster (306/2019) och nivå AA i riktlinjerna WCAG 2.1.
a11y-status-heading = Tillgänglighetsstatus
a11y-status = Tjänsten uppfyller tillgänglighetskraven delvis. De kända bristerna räknas upp nedan.
a11y-gaps-heading = Kända brister
a11y-gap-translations = De svenska och engelska översättningarna har ännu inte granskats av staden. Om en översättning saknas visas texten på finska och märks som finsk.
a11y-gap-audit = Tjänstens tillgänglighet har ännu inte bedömts av en utomstående expert, och automatiska tillgänglighetskontroller har ännu inte tagits i bruk.
a11y-how-heading = Så har tillgängligheten beaktats
a11y-how = Sidorna fungerar utan JavaScript. De har en länk som hoppar till huvudinnehållet, landmärken, en huvudrubrik och brödsmulor. Sidans språk är märkt, och språklänkarna leder till samma sida på ett annat språk.
a11y-feedback-heading = Respons och kontaktuppgifter
a11y-feedback = Märkte du en brist? Berätta det för oss. Vi svarar inom 14 dagar. E-post:
a11y-enforcement-heading = Tillsynsmyndighet
a11y-enforcement = Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du anmäla saken till tillsynsmyndigheten. Anvisningar:
a11y-dated = Utlåtandet har utarbetats 27.11.2026.

api-title = Öppet gränssnitt
api-description = Strategin som öppna data: ett JSON-gränssnitt och dess OpenAPI-beskrivning.
api-intro = Allt innehåll i strategin finns i JSON-format. Varje text är ett objekt med finska (fi), svenska (sv) och engelska (en). Gränssnittet beskrivs nedan på engelska.
api-openapi-link = OpenAPI 3.1-beskrivning (JSON)
api-parameters = Parametrar
api-responses = Svar

error-go-home = Gå till startsidan
problem-title-400 = Felaktig begäran
problem-title-404 = Sidan hittades inte
problem-title-405 = Metoden är inte tillåten
problem-title-408 = Begäran tog för lång tid
problem-title-413 = Begäran är för stor
problem-title-500 = Ett fel uppstod i tjänsten
problem-title-503 = Tjänsten är inte tillgänglig just nu
problem-detail-no-page = Det finns ingen sida på denna adress. Kontrollera adressen eller börja från startsidan.
problem-detail-method = En sådan begäran kan inte skickas till denna adress.
problem-detail-timeout = Det tog för lång tid att skicka begäran.
problem-detail-too-large = Begäran är större än vad tjänsten tar emot.
problem-detail-bad-request = Begäran är felaktig.
problem-detail-internal = Ett oväntat fel uppstod. Det har loggats och vi utreder det.
problem-detail-unavailable = Databasen kan inte nås just nu. Försök igen om en stund.
problem-detail-malformed-id = Identifieraren "{ $value }" är ogiltig: en identifierare är ett heltal från 1 till 999999.
problem-detail-no-goal = Det finns inget mål med identifieraren { $value }.

# Den årliga styrningen: mätare, lägesbild och budgetbilaga.
nav-situation = Lägesbild
nav-indicators = Mätare
status-heading = Läge
status-on_track = Enligt målet
status-at_risk = Risk att målet inte nås
status-off_track = Efter målet
status-no_data = Inga uppgifter
example-badge = exempel
indicators-title = Mätare
indicators-title-page = Mätare, sida { $page }/{ $pages }
pagination-label = Mätarlistans sidor
pagination-previous = Föregående sida
pagination-next = Nästa sida
pagination-page = Sida
indicators-description = Strategins mätare: senaste värde, läget i förhållande till målet och prognos.
indicators-table-caption = Alla mätare och deras läge
indicator-column = Mätare
indicator-latest = Senaste värde
indicator-target = Mål
indicator-eyebrow = Mätare
indicator-example-notice = En del av siffrorna för denna mätare är exempel som illustrerar tjänsten. De är inte stadens officiella statistik; exemplen är märkta.
indicator-no-values = Mätaren har ännu inga värden.
indicator-forecast = I nuvarande takt är värdet { $value } år { $year } (intervall { $low }–{ $high }, utifrån de { $points } senaste värdena); målet är { $target }.
status-rule-indicator = En mätares läge räknas från det senaste värdet för hela staden i förhållande till den raka vägen från utgångsläget till målet: högst 5 % efter den planerade förändringen är enligt målet, högst 20 % är en risk, mer är efter. Övriga områden bedöms enligt samma relativa förändring från sitt eget första värde.
status-rule-action = En åtgärd är enligt målet när den pågår eller är klar och en risk när den är försenad; en åtgärd som inte har inletts eller rapporterats påverkar inte läget.
status-rule-goal = Ett måls läge sammanställs av dess mätare (direkt eller via resultatmålen) och åtgärder: om minst hälften av dem med uppgifter är efter är målet efter; om någon är en risk eller efter är målet en risk; annars enligt målet.
status-rule-area = Ett områdes läge sammanställs av dess mål enligt samma regel.
indicator-definition = Definition
indicator-unit = Enhet
indicator-direction = Riktning
direction-increase = Högre är bättre
direction-decrease = Lägre är bättre
direction-band = Håller sig inom
indicator-baseline = Utgångsläge
indicator-milestone = Delmål
indicator-source = Datakälla
indicator-licence = Användningsvillkor
indicator-connector = Automatisk hämtning
indicator-connector-table = { $connector }, tabell { $table }
indicator-checked = Senast kontrollerad mot källan { $checked }
indicator-not-checked = Inte ännu kontrollerad mot källan
indicator-frequency = Uppdateringsfrekvens
frequency-monthly = Månatligen
frequency-quarterly = Kvartalsvis
frequency-annual = Årligen
frequency-irregular = Oregelbundet
indicator-chart-heading = Utveckling
indicator-chart-caption = Figuren visar värdena per område samt utgångsläget, delmålen, målet, prognosen och strategins bedömningar. Samma uppgifter finns i tabellen.
indicator-table-caption = Värden: { $region }, senaste först
column-date = Datum
column-value = Värde
column-region = Område
indicator-table-truncated = Tabellen visar de { $shown } senaste av { $total } värden; alla värden finns som CSV-fil.
indicator-regions-heading = Jämförelse mellan områden
indicator-regions-caption = Senaste värde och läge per område
targets-heading = Resultatmål
binding = bindande mål
corrections-heading = Korrigeringshistorik
corrections-caption = Korrigerade värden: det tidigare värdet sparas
corrections-old-value = Tidigare värde
corrections-replaced = Ersatt
downloads-heading = Öppna data
download-csv = Värdena som CSV-fil
download-jsonstat = Värdena i JSON-stat 2.0-format
download-json = Mätaren i JSON-format (API)
download-xlsx = Bilagan som Excel-fil (XLSX)
situation-title = Lägesbild
situation-description = Läget för fullmäktigeperiodens mål per område, sammanställt av mätare och åtgärder.
goal-count = { $count ->
    [one] 1 mål
   *[other] { $count } mål
}
situation-area-caption = Målen och deras läge
goal-column = Mål
situation-actions-reported = Rapporterade åtgärder
situation-rule-heading = Hur läget räknas
annex-index-title = Budgetbilagor
annex-description = Strategiska resultatmål och mätare per sektor för budgetåret.
annex-none = Det finns ännu inga resultatmål.
annex-title = Budget: strategiska mål och mätare
annex-example-notice = Årets resultatmål är exempel som illustrerar tjänsten; de är inte mål som staden har godkänt.
annex-years-label = Budgetår
target-number = Resultatmål { $id }
responsible = Ansvarig
annex-indicators-caption = Resultatmålets mätare
target-no-indicators = Resultatmålet har ännu ingen mätare.
assessment-heading = Bedömning
grade-achieved = Uppnåddes
grade-partly_achieved = Uppnåddes delvis
grade-not_achieved = Uppnåddes inte
grade-not_assessable = Kan inte bedömas
action-state-not_started = inte inledd
action-state-in_progress = pågår
action-state-delayed = försenad
action-state-completed = klar
chart-baseline = Utgångsläge
chart-milestone = Delmål
chart-target = Mål
chart-forecast = Prognos
annex-col-organisation = Sektor
annex-col-target_id = Nr
annex-col-target = Resultatmål
annex-col-binding = Bindande
annex-col-goals = Fullmäktigeperiodens mål
annex-col-responsible = Ansvarig
annex-col-indicator = Mätare
annex-col-unit = Enhet
annex-col-baseline = Utgångsläge
annex-col-baseline_date = Utgångslägets datum
annex-col-target_value = Målvärde
annex-col-target_date = Målets datum
annex-col-latest = Senaste värde
annex-col-latest_date = Senaste värdets datum
annex-col-status = Läge
annex-col-assessment = Bedömning
annex-col-example = Exempel
annex-col-justification = Motivering till bedömningen
yes = ja
no = nej
problem-detail-no-indicator = Det finns ingen mätare med identifieraren { $value }.
problem-detail-unknown-region = Det finns inget område "{ $value }". Områdenas identifierare finns på adressen /api/v1/regions.
problem-detail-malformed-date = Datumet "{ $value }" är ogiltigt: skriv datumet i formen ÅÅÅÅ-MM-DD, till exempel 2018-12-31.
problem-detail-date-range = Tidsperioden är omvänd ({ $value }): startdatumet (from) får inte vara senare än slutdatumet (to).
problem-detail-malformed-limit = Värdet "{ $value }" duger inte som parametern limit: den ska vara ett heltal från 1 till 100000.
problem-detail-malformed-list-limit = Värdet "{ $value }" duger inte som parametern limit: den ska vara ett heltal från 1 till 10000.
problem-detail-malformed-offset = Värdet "{ $value }" duger inte som parametern offset: den ska vara ett heltal från 0 till 1000000000.
problem-detail-malformed-year = Året "{ $value }" är ogiltigt: budgetåret ska vara ett fyrsiffrigt år från 2000 till 2100.
problem-detail-malformed-lang = Språket "{ $value }" är ogiltigt: välj fi, sv eller en.
problem-detail-repeated-parameter = Parametern { $value } har angetts mer än en gång; ange den bara en gång.
table-scroll-label = Tabell (kan rullas i sidled)

# Projections, ceilings, approximate figures and licences not stated
direction-ceiling = Högst målvärdet
indicator-projection = Strategins bedömning
indicator-no-target = Mätaren har inget mål: den beskriver omvärlden, och dess läge bedöms inte. Strategins bedömningar visas i figuren med en prickad linje; de är inte mål.
chart-projection = Bedömning
licence-not-stated = Användningsvillkor har inte angetts
reference-approximate = cirka
reference-date-assumed = datumet antaget
organisation-valid-until = Verkade under detta namn till och med { $to }.
organisation-valid-from = Verkar under detta namn från och med { $from }.
organisation-valid-between = Verkade under detta namn { $from }–{ $to }.

## Staff pages: sign-in, sessions, accounts; error statuses of writes
problem-title-401 = Inloggning krävs
problem-title-403 = Ingen behörighet
problem-title-409 = Konflikt
problem-title-412 = Uppgiften har ändrats
problem-title-415 = Formatet stöds inte
problem-title-422 = Uppgifterna kunde inte sparas
problem-title-429 = För många försök
problem-detail-unauthorized = Logga in först.
problem-detail-forbidden = Din roll tillåter inte detta.
problem-detail-cross-site = Begäran kom från en annan webbplats och behandlades inte.
problem-detail-form-token = Formuläret har gått ut eller kommer inte från den här webbplatsen. Ladda om sidan och försök igen.
problem-detail-conflict = Uppgiften har ändrats eller finns redan.
problem-detail-precondition = Någon annan ändrade uppgiften under tiden. Hämta den senaste versionen och försök igen.
problem-detail-unprocessable = Uppgifterna uppfyller inte reglerna, så ingenting sparades.
problem-detail-media-type = Skicka uppgifterna som ett formulär eller som JSON.
staff-site-name = Tarina – personal
staff-nav-label = Personalens meny
staff-nav-home = Startsida
staff-nav-accounts = Användarkonton
staff-nav-sessions = Mina inloggningar
staff-sign-out = Logga ut
staff-public-site = Den offentliga webbplatsen
staff-signed-in-as = Inloggad: { $name } ({ $role })
staff-sign-in-title = Logga in
staff-sign-in = Logga in
staff-email = E-postadress
staff-password = Lösenord
staff-error-email-missing = Skriv e-postadressen.
staff-error-password-missing = Skriv lösenordet.
staff-error-sign-in-refused = E-postadressen eller lösenordet är fel.
staff-error-sign-in-locked = För många misslyckade inloggningar. Försök igen om 15 minuter.
staff-error-sign-in-busy = Tjänsten är överbelastad just nu. Försök igen om en stund.
form-error-summary = Rätta följande
staff-home-title = Personalens sidor
staff-home-intro = Hej { $name }! Din roll är { $role }.
staff-home-organisation = Din organisation: { $organisation }
staff-home-can = Du kan
operation-view-internal = se interna anteckningar och opublicerade uppgifter
operation-manage-accounts = hantera användarkonton, roller och API-nycklar
operation-read-audit-log = läsa ändringsloggen
operation-edit-strategy = redigera strategin
operation-edit-indicator-definition = redigera mätarnas definitioner
operation-record-values = registrera mätarnas värden
operation-edit-targets = redigera resultatmål
operation-approve-targets = föra årets resultatmål till godkännande
operation-report-action-progress = rapportera hur åtgärderna framskrider
role-admin = huvudanvändare
role-strategy_editor = strategiredaktör
role-department_editor = sektorns redaktör
role-action_owner = åtgärdsansvarig
role-viewer = läsare
staff-sessions-title = Mina inloggningar
staff-sessions-intro = Med de här webbläsarna har någon loggat in med ditt konto. Avsluta en inloggning som du inte känner igen.
staff-sessions-caption = Giltiga inloggningar
staff-session-started = Började
staff-session-seen = Senast använd
staff-session-device = Webbläsare
staff-session-action = Åtgärd
staff-session-this = Den här webbläsaren
staff-session-end = Avsluta inloggningen
staff-session-ended = Inloggningen avslutades.
staff-accounts-title = Användarkonton
staff-accounts-caption = Alla användarkonton
staff-account-created = Kontot { $email } skapades.
staff-name = Namn
staff-role = Roll
staff-organisation = Organisation
staff-organisation-none = Ingen organisation (hela staden)
staff-language = Språk
staff-account-new = Nytt användarkonto
staff-new-password = Lösenord
staff-new-password-hint = Minst 12 tecken. Lämna tomt om personen loggar in endast via stadens identifieringstjänst.
staff-reason = Orsak
staff-reason-hint = Skrivs i ändringsloggen.
staff-error-reason = Skriv en orsak (högst 500 tecken).
staff-account-create = Skapa kontot
account-error-email = Skriv e-postadressen i formen namn@exempel.fi.
account-error-name = Namnet ska ha 1–200 tecken.
account-error-password = Lösenordet ska ha minst 12 och högst 256 tecken.
account-error-organisation = Välj en organisation för sektorns redaktör, men inte för andra roller.
account-error-role = Välj en roll i listan.
account-error-language = Välj ett språk i listan.
account-error-unknown-organisation = Välj en organisation i listan.
account-error-taken = Det finns redan ett konto med den här e-postadressen.
staff-sign-in-oidc-title = Med stadens konto
staff-sign-in-oidc = Logga in med stadens konto
staff-error-oidc-refused = Inloggningen med stadens konto lyckades inte. Om du ännu inte har ett konto i Tarina, be huvudanvändaren om ett.
staff-error-oidc-unavailable = Stadens identifieringstjänst kan inte nås just nu. Försök igen om en stund.
staff-nav-indicators = Mätare
staff-indicators-title = Mätarnas värden
staff-indicators-intro = Det här är de mätare vars värden du kan registrera.
staff-indicators-caption = Mätare vars värden du kan registrera
staff-indicators-none = Inga mätare har tilldelats dig.
staff-indicator = Mätare
staff-unit = Enhet
staff-latest-value = Senaste värde
staff-values-title = Registrera ett värde
staff-values-intro = Registrera ett värde i taget (enhet: { $unit }). Om det redan finns ett värde för samma område och dag ersätter det nya det, och det gamla sparas i korrigeringshistoriken.
staff-value-new = Nytt värde
staff-value-recorded = Värdet registrerades.
staff-value-record = Registrera värdet
staff-region = Område
staff-date = Datum
staff-date-hint = Dagen som värdet gäller, i formen ÅÅÅÅ-MM-DD, till exempel 2024-12-31 (årets sista dag).
staff-value = Värde
staff-value-hint = Ett tal, till exempel 71,5 eller 71.5, utan tusentalsavgränsare.
staff-source = Källa
staff-source-hint = Varifrån värdet kommer, till exempel en statistik eller en rapport.
staff-values-recent = Senaste värden
staff-values-recent-caption = Mätarens tio senaste värden
staff-values-none = Mätaren har ännu inga värden.
staff-example = exempel
staff-error-region = Välj ett område i listan.
staff-error-date = Ange datumet i formen ÅÅÅÅ-MM-DD, åren 1900–2100.
staff-error-value = Skriv ett tal, till exempel 71,5 eller 71.5.
staff-error-source = Ange källan (högst 500 tecken).
staff-nav-audit = Ändringslogg
staff-audit-title = Ändringslogg
staff-audit-intro = Varje ändring: vem, när, varför, vad den gällde och uppgifterna före och efter. Nyaste först.
staff-audit-actor = Utförare
staff-audit-actor-hint = En del av utföraren, till exempel user:12 eller connector:
staff-audit-text = Sök i beskrivning, orsak eller objekt
staff-audit-from = Från
staff-audit-to = Till
staff-audit-filter = Filtrera
staff-audit-download = Ladda ner de filtrerade posterna som CSV
staff-audit-caption = Ändringsloggens poster
staff-audit-when = Tid (UTC)
staff-audit-who = Utförare
staff-audit-what = Ändring
staff-audit-details = Uppgifter
staff-audit-before = Före
staff-audit-after = Efter
staff-audit-none = Inga poster med de här filtren.
staff-audit-pages = Ändringsloggens sidor
staff-audit-newer = Nyare
staff-audit-older = Äldre
staff-date-format = I formen ÅÅÅÅ-MM-DD
staff-nav-actions = Åtgärder
staff-nav-targets = Resultatmål
staff-actions-title = Åtgärdernas framsteg
staff-actions-intro = Här är de åtgärder vars framsteg du kan rapportera.
staff-actions-caption = Åtgärder vars framsteg du kan rapportera
staff-actions-none = Inga åtgärder har tilldelats dig.
staff-actions-back = Tillbaka till åtgärderna
staff-action = Åtgärd
staff-goal = Mål
staff-progress-title = Rapportera framsteg
staff-progress-heading = Framsteg för åtgärd { $action }
staff-progress-none = inte rapporterad
staff-progress-state = Läge
staff-progress-percent = Procent klart
staff-progress-percent-hint = Ett heltal från 0 till 100. Lämna tomt om det inte kan anges.
staff-progress-as-of = Läget den
staff-progress-note = Anmärkning
staff-progress-note-hint = Vad har gjorts och vad kommer härnäst. Finskan är källspråket; svenska och engelska kan läggas till nu eller senare.
staff-choose = Välj
staff-text-in-fi = På finska
staff-text-in-sv = På svenska
staff-text-in-en = På engelska
staff-translation-missing = översättning saknas
staff-edit-save = Spara
staff-edit-saved = Ändringarna sparades.
staff-error-state = Välj ett läge i listan.
staff-error-percent = Ange ett heltal från 0 till 100 eller lämna fältet tomt.
staff-error-as-of = Ange datumet som ÅÅÅÅ-MM-DD, mellan 2000 och 2100.
staff-error-too-long = Texten är för lång: högst 5000 tecken.
staff-error-finnish-required = Skriv texten först på finska: den är källan till översättningarna.
staff-error-grade = Välj en bedömning i listan.
staff-error-grade-needed = Välj en bedömning för motiveringen eller ta bort motiveringen.
staff-conflict-title = Någon sparade det här objektet efter att du öppnade formuläret
staff-conflict-intro = Inget av ditt har sparats ännu. Jämför den sparade versionen med din nedan.
staff-conflict-caption = Den sparade versionen och din
staff-conflict-field = Fält
staff-conflict-saved = Sparat nu
staff-conflict-yours = Din
staff-conflict-differs = skiljer sig
staff-conflict-next = Formuläret nedan innehåller din version. Spara den för att ersätta den sparade versionen, eller ändra den först.
staff-targets-title = Resultatmål
staff-targets-intro = Budgetårets resultatmål och deras skede: utkast, i budgetförslaget eller godkända av fullmäktige. På den offentliga webbplatsen syns bara mål som fullmäktige har godkänt.
staff-targets-caption = Resultatmål för { $year }
staff-targets-none = Det finns inga resultatmål ännu. Börja med ett nytt mål.
staff-targets-back = Tillbaka till resultatmålen
staff-year = År
staff-target = Resultatmål
staff-target-binding = bindande mål
staff-assessment-title = Bedöm ett resultatmål
staff-assessment-heading = Bedömning av resultatmål { $target } ({ $year })
staff-assessment-grade = Bedömning
staff-assessment-no-grade = inte bedömt
staff-assessment-justification = Motivering
staff-assessment-justification-hint = Varför målet fick sin bedömning. Krävs med en bedömning; finskan är källspråket.
staff-markdown-hint = Du kan formatera texten med Markdown: **fetstil**, *kursiv*, listor (- punkt) och länkar [text](https://…). Bilder visas som länkar och HTML visas som text.
staff-account-title = Användarkonto
staff-accounts-back = Tillbaka till användarkontona
staff-account-active = Får logga in
staff-account-active-hint = Avmarkera om personen inte längre får logga in; hens inloggningar upphör genast. Kontot och dess historik bevaras.
staff-account-actions = Åtgärder som personen ansvarar för
staff-account-actions-hint = För en åtgärdsansvarig: åtgärdernas nummer åtskilda med kommatecken, till exempel 12, 14.
staff-account-indicators = Mätare som personen ansvarar för
staff-account-indicators-hint = För en åtgärdsansvarig: mätarnas nummer åtskilda med kommatecken, till exempel 3, 17.
account-error-assignments = Endast en åtgärdsansvarig har åtgärder och mätare tilldelade: töm fälten eller välj den rollen.
account-error-unknown-action = Ange nummer på strategins åtgärder, åtskilda med kommatecken.
account-error-unknown-indicator = Ange nummer på befintliga mätare, åtskilda med kommatecken.
account-error-own-reach = Du kan inte ta bort din egen administratörsroll eller inloggningsrätt: be en annan administratör.

## Staff: connectors
staff-nav-connectors = Automatiska hämtningar
staff-connectors-title = Automatisk hämtning av statistik
staff-connectors-intro = Mätare vars värden hämtas automatiskt ur publicerad statistik: varifrån, hur ofta och hur den senaste hämtningen slutade. Felet i en misslyckad hämtning visas i sin helhet; hämtningen ändrade då ingenting.
staff-connectors-caption = Automatiska hämtningar och deras senaste körningar
staff-connectors-connector = Hämtning
staff-connectors-source = Källa
staff-connectors-interval = Intervall
staff-connectors-last-run = Senaste körning
staff-connectors-result = Resultat
staff-connectors-checked = Senast kontrollerad mot källan
staff-connectors-table = tabell { $table }
staff-connectors-never = Inte körd ännu
staff-connectors-not-checked = Inte kontrollerad ännu
staff-connectors-succeeded = Lyckades: { $read } lästa, { $missing } saknas; { $added } tillagda, { $corrected } korrigerade, { $unchanged } oförändrade.
staff-connectors-source-updated = Källan uppdaterad { $updated }.
staff-connectors-failed = Misslyckades:
staff-connectors-none = Ingen mätare har automatisk hämtning.
staff-connectors-kind-pxweb = PxWeb-gränssnitt (v1)
staff-connectors-kind-jsonstat = JSON-stat 2.0-adress
staff-connectors-kind-sotkanet = Sotkanet (THL)
staff-connectors-kind-csv = CSV-fil
staff-connectors-kind-xlsx = Excel-fil (XLSX)
staff-connectors-edit = Redigera inställningarna
staff-connectors-add = Automatisk hämtning för andra mätare
staff-connector-title = Inställningar för automatisk hämtning
staff-connector-heading = Automatisk hämtning: { $name }
staff-connector-intro = Inställningarna skrivs i TOML som i datafilens tabell [connector] (se README). De kontrolleras innan de sparas. Ett tomt fält tar bort den automatiska hämtningen; redan hämtade värden finns kvar.
staff-connector-settings = Inställningar
staff-connector-settings-hint = Till exempel name, kind, url, region, time, value och interval.
staff-connector-save = Spara inställningarna
staff-connector-saved = Inställningarna sparades.
staff-connector-back = Tillbaka till automatiska hämtningar
staff-error-connector = Inställningarna kan inte användas:

## Det skrivande gränssnittet och API-nycklar
problem-title-428 = Version saknas
problem-detail-precondition-required = Ange vilken version du ändrar: skicka dess ETag i If-Match (eller * för att skriva oberoende av version).
problem-detail-token = Skicka en giltig API-nyckel som Authorization: Bearer följt av nyckeln. Nyckeln kan vara okänd, återkallad eller ha gått ut.
problem-detail-token-scope = API-nyckeln når inte den här uppgiften: nyckelns eller dess kontos roll, organisation eller ansvar tillåter det inte.
problem-detail-invalid = Begäran har fel, som listas under errors med sina platser; inget sparades.
problem-detail-malformed-json = Innehållet är inte giltig JSON: { $value }
problem-detail-malformed-if-match = If-Match ska vara * eller ETaggar inom citattecken, åtskilda med kommatecken.
api-error-shape = Inte det som gränssnittets beskrivning anger här: { $value }
api-error-region = Mätaren rapporteras inte för det här området. Dess områden är { $value }.
api-error-date = Ange ett datum i formen ÅÅÅÅ-MM-DD, från 1900 till 2100.
api-error-value = Ange ett ändligt tal.
api-error-source = Ange källan: 1–500 tecken, inte bara mellanslag, utan styrtecken.
api-error-reason = Ange orsaken: 1–500 tecken, inte bara mellanslag, utan styrtecken.
api-error-values = Ange 1–10 000 värden.
api-error-repeated = Samma område och datum som värdet vid { $value }.
api-error-version-label = Ange en beteckning med 1–40 bokstäver, siffror, punkter, bindestreck eller understreck (inte { $value }).
api-error-version-unknown = Det finns ingen strategiversion { $value } att kopiera.
api-error-version-conflict = Versionen kan inte ta detta steg: { $value }
api-error-decision-body = Ange beslutsorganet på finska.
api-error-decision-date = Ange beslutsdatum som ÅÅÅÅ-MM-DD.
api-error-decision-minutes = Ange hänvisningen till protokollet, t.ex. Kvalt 11.9.2017 § 123.
api-error-decision-lint = Granskningen hittar ett fel, så ange en orsak att åsidosätta det: { $value }
staff-nav-tokens = API-nycklar
staff-tokens-title = API-nycklar
staff-tokens-intro = Med en API-nyckel kan en integration skriva via gränssnittet för ett användarkonto. Nyckelns roll (och organisation eller ansvar) begränsar vad kontot får göra; den når aldrig längre än kontot. Endast ett fingeravtryck av nyckeln sparas, så den visas bara en gång, när den skapas.
staff-tokens-caption = Alla API-nycklar
staff-tokens-none = Det finns inga API-nycklar ännu.
staff-token-name = Namn
staff-token-name-hint = Vad nyckeln används till, till exempel "Import från Statistikcentralen".
staff-token-account = Användarkonto
staff-token-account-choose = Välj ett användarkonto
staff-token-reach = Räckvidd
staff-token-reach-organisation = { $organisation } och dess enheter
staff-token-reach-role = det som rollen når
staff-token-reach-indicator = mätare { $id }
staff-token-reach-action = åtgärd { $id }
staff-token-indicators = Mätare (för en åtgärdsansvarig)
staff-token-indicators-hint = Id-nummer för de mätare vars värden nyckeln får registrera, åtskilda med kommatecken. Endast för en åtgärdsansvarig.
staff-token-actions = Åtgärder (för en åtgärdsansvarig)
staff-token-actions-hint = Id-nummer för de åtgärder vars framsteg nyckeln får rapportera, åtskilda med kommatecken. Endast för en åtgärdsansvarig.
staff-token-expires = Sista giltighetsdag
staff-token-expires-hint = I formen ÅÅÅÅ-MM-DD; nyckeln fungerar till slutet av dagen (UTC). Lämna tomt för en nyckel som inte går ut av sig själv.
staff-token-created = Skapad
staff-token-never = går inte ut
staff-token-state = Status
staff-token-state-active = giltig
staff-token-state-expired = har gått ut
staff-token-state-revoked = återkallad
staff-token-action = Åtgärd
staff-token-new = Ny API-nyckel
staff-token-create = Skapa nyckeln
staff-token-created-title = Kopiera nyckeln nu
staff-token-created-text = Nyckeln { $name } skapades. Kopiera den nu och förvara den tryggt: den visas bara den här gången.
staff-token-created-use = Skicka den med varje begäran:
staff-token-revoke = Återkalla
staff-token-revoke-reason = Orsak till återkallandet
staff-token-revoked = Nyckeln återkallades. Den öppnar inte längre något.
token-error-name = Namnet ska ha 1–100 tecken.
token-error-organisation = Välj en organisation för sektorns redaktör, men inte för andra roller.
token-error-assignments = Ange mätare eller åtgärder för en åtgärdsansvarig, men inte för andra roller.
token-error-expiry = Ange en dag efter i dag i formen ÅÅÅÅ-MM-DD, senast år 2100, eller lämna fältet tomt.
token-error-account = Välj ett användarkonto i listan.
token-error-indicators = Ange mätarnas id-nummer som heltal åtskilda med kommatecken.
token-error-actions = Ange åtgärdernas id-nummer som heltal åtskilda med kommatecken.
token-error-unknown-indicator = Det finns ingen mätare med id-numret { $value }.
token-error-unknown-action = Det finns ingen åtgärd med id-numret { $value }.

# Performance targets: status, forms, year steps
target-status-draft = Utkast
target-status-proposed = I budgetförslaget
target-status-approved = Godkänt av fullmäktige
staff-targets-years = Budgetår
staff-targets-year-heading = Budgetåret { $year }
staff-targets-counts = Utkast { $draft }, i budgetförslaget { $proposed }, godkända av fullmäktige { $approved }.
staff-target-status = Skede
staff-target-new-link = Nytt resultatmål
staff-target-new-title = Nytt resultatmål
staff-target-edit-title = Redigering av resultatmål
staff-target-edit-heading = Resultatmål { $target } ({ $year })
staff-target-assessment-link = Bedömning
staff-target-approved-notice = Fullmäktige har godkänt detta mål, så det kan inte redigeras. Om målet måste rättas återför strategienheten årets mål till förslag; målet försvinner då från den offentliga webbplatsen tills det godkänns på nytt.
staff-target-title-label = Målets rubrik
staff-target-responsible = Ansvarig organisation
staff-target-same-responsible = Samma som budgetens organisation
staff-target-choose = Välj organisation
staff-target-goals = Mål för fullmäktigeperioden som resultatmålet genomför
staff-target-indicators = Mätare
staff-target-indicators-hint = Mätarnas nummer åtskilda med kommatecken, till exempel 3, 7.
staff-target-binding-label = Bindande mål
staff-target-year-hint = Budgetår, till exempel 2019.
staff-yes = Ja
staff-no = Nej
staff-error-year = Ange ett år mellan 2000 och 2100.
staff-error-organisation = Välj en organisation som fanns under budgetåret.
staff-error-goals = Välj minst ett och högst 50 mål för fullmäktigeperioden.
staff-error-indicators = Ange nummer på befintliga mätare åtskilda med kommatecken (högst 50).
staff-error-indicators-reach = Du kan bara koppla mätare som hör till din egen organisation eller mätare som ingen organisation följer ännu.
staff-error-step = Välj vad som ska göras med årets mål.
staff-error-step-none = Året har inga mål som detta skede gäller.
staff-error-copy-held = Välj ett år som ännu inte har resultatmål.
staff-error-copy-empty = Året har inga mål att kopiera.
staff-targets-steps-heading = Skede för årets mål
staff-targets-steps-intro = Utkasten förs till budgetförslaget, och efter fullmäktiges beslut markeras de föreslagna målen som godkända. Ange beslutet som orsak, till exempel fullmäktiges möte och paragraf.
staff-targets-step = Vad som görs med målen
staff-targets-step-propose = För utkasten till budgetförslaget ({ $count })
staff-targets-step-withdraw = Återför de föreslagna målen till utkast ({ $count })
staff-targets-step-approve = Markera de föreslagna målen som godkända av fullmäktige ({ $count })
staff-targets-step-reopen = Återför de godkända målen till förslag för rättelse ({ $count })
staff-targets-step-reason-hint = Till exempel: Stadsfullmäktige 10.12.2018 § 123.
staff-targets-step-submit = Spara skedet
staff-targets-copy-heading = Kopiera årets mål
staff-targets-copy-intro = Målen för { $year } kopieras till ett annat år som utkast utan bedömningar.
staff-targets-copy-to = År som målen kopieras till
staff-targets-copy-submit = Kopiera målen
problem-detail-target-approved = Fullmäktige har godkänt målet, och det kan inte redigeras förrän det återförs till förslag.

# Indicator definitions
staff-definition-title = Mätarens definition
staff-definition-heading = Definition av mätare { $indicator }
staff-definition-back = Tillbaka till mätarna
staff-definition-values-link = Mätarens värden
staff-definition-link = Definition
staff-definition-name = Namn
staff-definition-definition = Definition
staff-definition-source = Källa
staff-definition-decimals = Decimaler
staff-definition-direction = Riktning
staff-definition-band-low = Intervallets nedre gräns
staff-definition-band-high = Intervallets övre gräns
staff-definition-band-hint = Bara när riktningen är ett intervall.
staff-definition-frequency = Uppdateringsfrekvens
staff-definition-licence = Licens
staff-definition-licence-hint = Till exempel CC BY 4.0. Lämna tomt om utgivaren inte har angett någon licens.
staff-definition-regions = Områden
staff-definition-regions-hint = Områdenas koder åtskilda med kommatecken, hela staden först. Områden:
staff-definition-references = Utgångsnivå, mål och delmål
staff-definition-references-hint = Datum i formen ÅÅÅÅ-MM-DD. Oförändrade tal behåller sin källa; för nya och ändrade tal anger du var de har fastställts.
staff-definition-baseline-date = Utgångsnivåns datum
staff-definition-baseline = Utgångsnivå
staff-definition-target-date = Målets datum
staff-definition-target = Målvärde
staff-definition-milestones = Delmål
staff-definition-milestones-hint = Ett per rad: datum och värde, till exempel 2021-12-31 72,5.
staff-definition-basis = Var de nya talen har fastställts
staff-definition-basis-hint = Till exempel: Budget 2019, stadsfullmäktige 10.12.2018.
staff-error-too-long-short = Texten är för lång: högst 500 tecken.
staff-error-decimals = Ange antalet decimaler 0–6.
staff-error-direction = Välj en riktning i listan.
staff-error-band = Ange intervallets nedre och övre gräns som tal, den nedre högst den övre.
staff-error-frequency = Välj en uppdateringsfrekvens i listan.
staff-error-licence = Ange licensen kort (högst 100 tecken, inga tecken < och >).
staff-error-regions = Ange minst ett område med koderna i listan.
staff-error-regions-values = Ett område som har värden kan inte tas bort från mätaren.
staff-error-reference = Ange både datum (ÅÅÅÅ-MM-DD) och värde, eller lämna båda tomma.
staff-error-milestones = Skriv varje delmål på en egen rad: datum och värde, varje dag en gång (högst 50).
staff-error-basis = Ange var de nya eller ändrade talen har fastställts.
staff-error-ceiling-target = Riktningen högst målvärdet behöver ett målvärde.
staff-error-control = Texten innehåller styrtecken som inte kan sparas. Ta bort dem eller skriv texten på nytt.
staff-upload-link = Ladda upp värden från en CSV- eller XLSX-fil
staff-upload-title = Ladda upp värden från en fil
staff-upload-intro = Registrera många värden på en gång från en CSV-fil eller en Excel-arbetsbok (.xlsx, första bladet). Första raden namnger kolumnerna indicator, region, date, value och source i valfri ordning; en kolumn som heter example lämnas utan avseende. Filen kontrolleras som en helhet: om någon rad har ett problem listas alla problem och ingenting registreras. Ett värde för ett område och datum som redan har ett värde ersätter det, och det gamla värdet sparas i korrigeringshistoriken.
staff-upload-file = Fil
staff-upload-file-hint = CSV (UTF-8 eller som Excel sparar den; kommatecken eller semikolon) eller XLSX, högst 20 MiB. Datum som ÅÅÅÅ-MM-DD (eller 31.12.2018 i en semikolonseparerad fil eller en arbetsbok), tal utan tusentalsavgränsare.
staff-upload-submit = Kontrollera och registrera
staff-upload-problems-title = Filen har { $count } problem. Ingenting registrerades.
staff-upload-problems-intro = Rätta filen, välj den på nytt och skicka den.
staff-upload-problems-caption = Problem i filen
staff-upload-line = Rad
staff-upload-column = Kolumn
staff-upload-problem = Problem
staff-upload-whole-row = hela raden
staff-upload-done = Filen registrerades: { $added } värde(n) lades till, { $changed } ändrades, { $unchanged } oförändrade.
staff-upload-error-file = Välj en CSV- eller XLSX-fil att ladda upp.
staff-upload-error-too-large = Filen är större än 20 MiB. Dela upp den i mindre filer.
staff-upload-error-form = Formuläret kunde inte läsas. Välj filen på nytt och skicka den.
values-error-utf16 = filen är UTF-16, inte UTF-8: spara den som "CSV UTF-8"
values-error-nul-bytes = filen har NUL-byte (UTF-16 utan byteordningsmarkering?): spara den som "CSV UTF-8"
values-error-mixed-encodings = filen blandar teckenkodningar: rad { $line } har UTF-8-bokstäver, men byte { $byte } här är inte UTF-8; spara filen som "CSV UTF-8"
values-error-ambiguous-byte = filen är inte UTF-8, och byte { $byte } betyder olika bokstäver i Windows-1252, ISO 8859-15 och Mac Roman, så filens kodning kan inte avgöras; spara den som "CSV UTF-8"
values-error-no-nordic-letters = filen är inte UTF-8, och utan ä, ö eller å kan dess kodning inte avgöras (byte { $byte }); spara den som "CSV UTF-8"
values-error-not-a-values-file = filen är en { $kind }-fil, inte CSV eller XLSX: spara värdena som "CSV UTF-8" eller som en Excel-arbetsbok (.xlsx)
values-error-unreadable-workbook = filen är inte en läsbar Excel-arbetsbok ({ $detail }): spara den på nytt som .xlsx eller som "CSV UTF-8"
values-error-no-sheet = arbetsboken har inga blad
values-error-empty-file = filen är tom; dess första rad ska namnge kolumnerna { $columns }
values-error-no-header = filen har ingen rubrikrad
values-error-header-mixed-separators = rubrikraden har både semikolon och kommatecken, så det går inte att avgöra vilket som skiljer kolumnerna åt
values-error-no-values = filen har en rubrikrad men inga värden
values-error-cannot-read = raden kan inte läsas: { $detail }
values-error-no-column-names = första raden ska namnge kolumnerna { $columns } (i valfri ordning), men där står { $found }
values-error-column-twice = kolumnen förekommer två gånger (fälten { $first } och { $second })
values-error-header-field-empty = fält { $field } på rubrikraden är tomt (en avgränsare för mycket i slutet av raden?)
values-error-unknown-column = okänd kolumn; kolumnerna är { $columns }
values-error-unknown-column-case = okänd kolumn; kolumnerna är { $columns }; kolumnnamnen skrivs med små bokstäver: { $known }
values-error-column-missing = kolumnen saknas på rubrikraden
values-error-field-count = raden har { $found } fält men rubrikraden har { $expected }
values-error-field-count-comma = raden har { $found } fält men rubrikraden har { $expected }; i en kommaseparerad fil ska ett decimalkomma stå inom citattecken ("71,5") eller skrivas som punkt (71.5)
values-error-repeated = värdet för mätare { $indicator } ({ $slug }) för { $region } den { $date } anges redan på rad { $first }
values-error-indicator-empty = är tomt: ange mätarens id eller kortnamn
values-error-not-an-indicator-id = { $text } är inte ett mätar-id (ett heltal från 1)
values-error-no-indicator-id = ingen mätare har id { $id }
values-error-no-indicator-slug = ingen mätare har kortnamnet { $text }
values-error-not-permitted = du får inte registrera värden för mätare { $indicator }
values-error-region-empty = är tomt: ange områdets kortnamn
values-error-region-empty-example = är tomt: ange områdets kortnamn, t.ex. { $example }
values-error-region-not-reported = mätare { $indicator } ({ $slug }) rapporteras inte för { $text }; dess områden är { $regions }
values-error-region-unknown = okänt område; mätare { $indicator } ({ $slug }) rapporteras inte för { $text }; dess områden är { $regions }
values-error-no-region-slug = inget område har kortnamnet { $text }
values-error-source-empty = är tomt: ange varifrån värdet kommer, t.ex. "Tilastokeskus, työssäkäyntitilasto"
values-error-date-empty = är tomt: ange datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-12-31
values-error-day-first = { $text } är skrivet med dagen först, vilket bara en semikolonseparerad fil (som finskspråkiga Excel sparar) får göra: skriv ÅÅÅÅ-MM-DD, t.ex. 2018-12-31
values-error-not-a-date = { $text } är inte ett datum i formen ÅÅÅÅ-MM-DD, t.ex. 2018-12-31
values-error-not-a-date-day-first = { $text } är inte ett datum i formen ÅÅÅÅ-MM-DD eller D.M.ÅÅÅÅ, t.ex. 2018-12-31 eller 31.12.2018
values-error-not-in-calendar = { $text } är inte ett datum i kalendern
values-error-implausible-year = året i { $text } ligger inte mellan { $from } och { $to }; ett skrivfel?
values-error-value-empty = är tomt: ange ett tal, t.ex. 71.5 eller 71,5
values-error-scientific = { $text } är skrivet i exponentform: skriv ut talet helt
values-error-has-unit = { $text } har en enhet eller annan text ({ $unit }): skriv bara talet
values-error-not-finite = { $text } är inte ett ändligt tal
values-error-not-a-number = { $text } är inte ett tal
values-error-thousands-separator = { $text } har en tusentalsavgränsare: skriv talet utan den, t.ex. 1234567
values-error-needs-digits = { $text } behöver siffror på båda sidor om decimaltecknet, t.ex. 0.5
values-error-point-and-comma = { $text } har både punkt och kommatecken: skriv ett decimaltecken och inga tusentalsavgränsare, t.ex. 1234.5
values-error-more-than-one = { $text } har fler än ett { $separator }: skriv ett decimaltecken och inga tusentalsavgränsare, t.ex. 1234567
values-error-too-large = { $text } är för stort
values-error-thousand-or-decimal = { $text } kan vara ett decimaltal eller ett tusental, eftersom filen skriver decimaler med det andra tecknet (rad { $line }): skriv alla decimaler med samma tecken och inga tusentalsavgränsare
values-error-thousand-or-decimal-both = { $text } kan vara ett decimaltal eller ett tusental, eftersom filen har sådana tal med både punkt och kommatecken: skriv alla decimaler med samma tecken och inga tusentalsavgränsare

# Strategins versioner och skillnaderna mellan dem.
problem-detail-no-version = Det finns ingen publicerad version { $value } av strategin.
diff-title = Ändringar i strategin
diff-description = Vad som ändrades i strategin från en version till en annan, punkt för punkt och språk för språk: tillagda ord understrukna, borttagna överstrukna.
diff-none = Versionerna skiljer sig inte åt.
diff-inserted = tillagt:
diff-deleted = borttaget:
diff-position = plats
diff-change-added = Tillagd
diff-change-removed = Borttagen
diff-change-changed = Ändrad
diff-change-moved = Flyttad
diff-item-strategy = Strategin
diff-item-value = Värdering
diff-item-headline_goal = Centralt mål
diff-item-area = Område
diff-item-goal = Mål
diff-item-action = Åtgärd
diff-item-programme = Utvecklingsprogram
diff-item-chapter = Kapitel
diff-item-section = Avsnitt
diff-item-timeline_event = Skede i beredningen
diff-field-title = Rubrik
diff-field-tagline = Slogan
diff-field-vision = Vision
diff-field-council_goals_intro = Inledning till fullmäktigeperiodens mål
diff-field-programmes_intro = Inledning till utvecklingsprogrammen
diff-field-approved_by = Godkänd av
diff-field-source = Källa
diff-field-name = Namn
diff-field-description = Beskrivning
diff-field-text = Text
diff-field-aim = Målsättning
diff-field-body = Text
diff-field-when = Tidpunkt

## Strategy versions: the list of approved versions and one version whole
versions-title = Strategins versioner
versions-description = De versioner av strategin som stadsfullmäktige har godkänt. Den gällande står först; de tidigare kan fortfarande läsas på sina egna adresser.
versions-caption = Godkända versioner, den nyaste först
versions-version = Version
versions-state = Status
versions-approved-on = Godkänd
versions-minutes = Protokoll
versions-changes = Ändringar
versions-current = Gällande
versions-earlier = Tidigare version
versions-none = Det finns ännu ingen godkänd version av strategin.
versions-override = Godkänd trots fel i granskningen, med motiveringen
versions-diff-to-current = Vad som har ändrats sedan version { $version }
versions-is-current = Det här är den gällande versionen av strategin.
versions-is-earlier = Det här är en tidigare version av strategin som inte längre gäller.
versions-read-current = Läs den gällande versionen { $version }
versions-all = Alla versioner av strategin

# Lägesuppdateringar för åtgärder: den offentliga åtgärdssidan och personalens formulär
action-eyebrow = Åtgärd { $id }
action-description = Åtgärdens läge, framsteg och lägesuppdateringar.
action-goal-label = Mål
action-latest-heading = Senaste läget
action-history-heading = Tidigare lägesuppdateringar
action-state-label = Läge
action-percent-label = Procent klart
action-as-of-label = Läget den
action-posted-label = Publicerad
action-evidence-label = Mer information och belägg
action-no-progress = Inga framsteg har rapporterats för åtgärden ännu.
action-no-history = Inga tidigare lägesuppdateringar.
action-api-link = Åtgärden i det öppna gränssnittet (JSON)
problem-detail-no-action = Det finns ingen åtgärd med id { $value }.
staff-update-heading = Publicera en lägesuppdatering
staff-update-intro = Uppdateringen syns genast på åtgärdens offentliga sida och i lägesbilden, och tidigare uppdateringar finns kvar i historiken.
staff-update-narrative = Beskrivning
staff-update-narrative-hint = Vad har gjorts och vad kommer härnäst. Finskan är källspråket; svenska och engelska kan läggas till nu eller senare.
staff-update-evidence = Länkar till belägg
staff-update-evidence-hint = Högst tre länkar, till exempel till ett beslut eller en rapport. Adressen ska börja med https://. Rubriken är frivillig.
staff-update-evidence-row = Länk { $number }
staff-update-evidence-title = Rubrik
staff-update-evidence-url = Adress (https://…)
staff-update-post = Publicera uppdateringen
staff-update-posted = Lägesuppdateringen publicerades.
staff-update-history = Tidigare lägesuppdateringar
staff-update-none = Inga lägesuppdateringar har publicerats för åtgärden ännu.
staff-update-posted-by = Publicerad { $posted }, { $author }
staff-correct-heading = Rätta det nuvarande läget
staff-correct-intro = En rättelse ändrar det nuvarande läget utan att lägga till en uppdatering i historiken. Använd den för att rätta fel.
staff-error-evidence-title = Rubriken får vara högst 200 tecken utan styrtecken.
staff-error-evidence-url = Ange en adress som börjar med https:// och har ett domännamn, till exempel https://www.espoo.fi/.
staff-error-evidence-count = Ange högst tre länkar.
staff-error-update-backdated = Datumet är före åtgärdens nuvarande läge. Ange ett senare datum eller rätta det nuvarande läget nedan.
problem-detail-update-backdated = Uppdateringen för { $value } är äldre än åtgärdens nuvarande läge; inget sparades.

# E-post och byte av lösenord via e-post
staff-nav-mail = E-post
operation-read-mail-outbox = se studsade och oskickade e-postmeddelanden
staff-sign-in-forgot = Har du glömt ditt lösenord?
staff-forgot-title = Byt lösenord
staff-forgot-intro = Skriv e-postadressen till ditt användarkonto. Vi skickar en länk dit som du kan använda för att ange ett nytt lösenord.
staff-forgot-send = Skicka länken
staff-forgot-sent = Om adressen har ett användarkonto har en länk för att ange ett nytt lösenord skickats dit. Länken fungerar i { $minutes } minuter och en gång. Om meddelandet inte kommer, kontrollera skräpposten eller be om en ny länk.
staff-reset-back-to-sign-in = Tillbaka till inloggningen
staff-reset-title = Nytt lösenord
staff-reset-intro = Skriv det nya lösenordet två gånger. När det har sparats avslutas alla inloggningar med ditt användarkonto och du loggar in med det nya lösenordet.
staff-reset-new-password = Nytt lösenord
staff-reset-password-hint = Minst 12 och högst 256 tecken.
staff-reset-password-again = Nytt lösenord igen
staff-reset-save = Spara lösenordet
staff-reset-ask-again = Be om en ny länk
staff-reset-done = Lösenordet har bytts. Logga in med det nya lösenordet.
staff-error-reset-locked = För många försök. Försök igen om 15 minuter.
staff-error-reset-link = Länken fungerar inte längre: den har redan använts eller gått ut. Be om en ny länk.
staff-error-passwords-differ = Lösenorden är inte lika. Skriv samma lösenord i båda fälten.
staff-mail-title = E-post
staff-mail-intro = E-post som Tarina skickar. Studsade meddelanden avvisades för gott av den mottagande servern och försöks inte igen; oskickade försöktes tills försöken tog slut. Kontrollera adressen och kontakta personen på annat sätt.
staff-mail-counts = Läge
staff-mail-problems = Studsade och oskickade
staff-mail-problems-caption = Studsade och oskickade e-postmeddelanden, det nyaste först
staff-mail-recipient = Mottagare
staff-mail-state = Status
staff-mail-purpose = Ärende
staff-mail-attempts = Försök
staff-mail-error = Serverns svar
staff-mail-times = Tider
staff-mail-queued-at = i kö { $at }
staff-mail-attempted-at = senast försökt { $at }
staff-mail-no-problems = All e-post har skickats eller skickas snart.
mail-state-queued = i kö
mail-state-sent = skickat
mail-state-failed = oskickat
mail-state-bounced = studsat
mail-purpose-password_reset = byte av lösenord
mail-purpose-test = testmeddelande
mail-reset-subject = Tarina: ange ett nytt lösenord
mail-reset-body =
    Hej { $name },

    På Tarinas personalsidor bad någon om en länk för att ange ett nytt lösenord för detta användarkonto. Ange ett nytt lösenord via den här länken:

    { $link }

    Länken fungerar i { $minutes } minuter och bara en gång. När det nya lösenordet har sparats avslutas alla inloggningar med användarkontot.

    Om du inte bad om länken kan du strunta i det här meddelandet: ditt lösenord förblir oförändrat.

    Tarina

# The approval gate of a budget year's targets.
staff-error-lint-override-blank = Skriv en motivering för att åsidosätta felen i granskningen; bara mellanslag räcker inte.
staff-error-lint-override-long = Skriv motiveringen utan styrtecken (högst 500 tecken).
staff-error-lint-override-needed = Granskningen hittar fel i årets resultatmål. Rätta dem eller skriv en motivering för att godkänna målen trots felen.
staff-targets-lint-errors = Granskningen hittar fel i årets resultatmål ({ $count }):
staff-targets-lint-override = Motivering för att godkänna trots fel i granskningen
staff-targets-lint-override-hint = Behövs bara om granskningen hittar fel. Motiveringen visas vid målen, också på den offentliga webbplatsen.
targets-lint-override = Stadsfullmäktige godkände resultatmålen fast granskningen hittade fel i dem. Motivering:
targets-lint-overridden = Åsidosatta fel ({ $count })
api-error-target-year-lint = Granskningen hittar ett fel i årets resultatmål, så ange en motivering för att åsidosätta det (lint_override): { $value }
# Reminders by email and the weekly digest
mail-purpose-reminder = påminnelse om en uppdatering
mail-purpose-digest = veckosammandrag
operation-schedule-updates = ange hur ofta åtgärder och mätare uppdateras
operation-remind-owners = se försenade uppdateringar och påminna de ansvariga
interval-none = inga påminnelser
interval-monthly = varje månad
interval-quarterly = varje kvartal
interval-yearly = varje år
reminder-never = aldrig
reminder-kind = { $kind ->
    [action] åtgärd
   *[indicator] mätare
}
mail-reminder-subject = Uppdatering behövs: { $item }
mail-reminder-body =
    Hej { $name },

    { $manual ->
        [yes] Strategienheten påminner om att
       *[no] Det här är en påminnelse om att
    } { $kind ->
        [action] åtgärden
       *[indicator] mätaren
    } "{ $item }" ska uppdateras ({ $interval }). Uppdateringen skulle ha gjorts senast { $due }{ $late ->
        [yes] {" "}och är nu försenad
       *[no] {""}
    }; senaste uppdatering: { $last }.

    { $kind ->
        [action] Publicera en lägesuppdatering här:
       *[indicator] För in ett nytt värde här:
    }

    { $link }

    Tarina
mail-digest-subject = Veckosammandrag: { $organisation }, veckan från { $from }
mail-digest-body =
    Hej { $name },

    Så här framskred åtgärderna och mätarna för { $organisation } { $from } – { $to }.

    Uppdaterat:
    { $changed }

    Försenat:
    { $late }

    Tarinas personalsidor: { $link }

    Du kan avsluta sammandraget på din egen sida (Mina inloggningar) i Tarina.

    Tarina
digest-nothing = - ingenting
digest-changed-line = { $kind ->
    [action] åtgärd
   *[indicator] mätare
} "{ $item }": { $kind ->
    [action] { $detail } lägesuppdatering(ar)
   *[indicator] { $detail } värde(n)
}
digest-late-line = { $kind ->
    [action] åtgärd
   *[indicator] mätare
} "{ $item }": skulle ha uppdaterats { $detail }
staff-nav-reminders = Försenat
staff-reminders-title = Försenade uppdateringar
staff-reminders-intro = Åtgärder och mätare med ett uppdateringsintervall vars uppdatering är försenad: mer än { $grace } dagar efter förfallodagen. De ansvariga har fått en påminnelse per e-post när uppdateringen förföll; du kan påminna dem igen.
staff-reminders-caption = Försenade uppdateringar, de mest försenade först
staff-reminders-item = Objekt
staff-reminders-owners = Ansvariga
staff-reminders-due = Förfallodag
staff-reminders-last-update = Senaste uppdatering
staff-reminders-last-reminded = Senaste påminnelse
staff-reminders-remind = Påminn nu
staff-reminders-no-owner = Ingen ansvarig: ge objektet till en åtgärdsansvarig på dennes kontosida.
staff-reminders-none = Ingenting är försenat.
staff-reminders-reminded = De ansvariga påmindes; e-postmeddelandena är på väg.
staff-reminders-scheduled = Alla objekt med ett uppdateringsintervall
staff-reminders-scheduled-caption = Objekt med ett uppdateringsintervall
staff-reminders-interval = Intervall
staff-reminders-standing = Läge
standing-current = aktuell
standing-due = förfallen
standing-late = försenad
staff-interval-title = Uppdateringsintervall och påminnelser
staff-interval-link = Uppdateringsintervall och påminnelser
staff-interval-intro = Hur ofta objektet ska uppdateras. När en uppdatering förfaller får de ansvariga en påminnelse per e-post på sitt eget språk; { $grace } dagar senare visas objektet som försenat på strategienhetens lista.
staff-interval-field = Uppdateringsintervall
staff-interval-owners = Ansvariga
staff-interval-owners-hint = De ansvariga är åtgärdsansvariga som har fått objektet; en administratör ger objekt på varje kontos sida.
staff-interval-no-owners = Objektet har ännu ingen ansvarig, så inga påminnelser skickas.
staff-interval-due = Nästa uppdatering förfaller { $due }.
staff-error-interval = Välj ett intervall i listan.
staff-digest-title = Veckosammandrag
staff-digest-intro = Varje måndag får en organisations användarkonton ett sammandrag av föregående vecka: vad av dess åtgärder och mätare som uppdaterades och vad som är försenat.
staff-digest-receive = Skicka veckosammandraget till mig
staff-digest-save = Spara inställningen för sammandraget
staff-digest-saved = Inställningen för sammandraget sparades.

## Translation review
staff-nav-translations = Översättningar
operation-review-translations = granska svenska och engelska översättningar
staff-translations-title = Granskning av översättningar
staff-translations-intro = Texter vars översättning saknas eller inte är granskad, med den finska källtexten bredvid. En granskad översättning visas genast på den offentliga sidan utan anmärkning.
staff-translations-target-sv = Svenska
staff-translations-target-en = Engelska
staff-translations-done = Sparade som granskade: { $count }.
staff-translations-problems-title = Ingenting sparades: { $count } problem
staff-translations-file-title = Översättningsbyrå (XLIFF 2.0)
staff-translations-export = Ladda ner kön som XLIFF-fil
staff-translations-import-file = Översatt XLIFF-fil
staff-translations-import = Importera översättningar
staff-translations-queue-title = Texter att granska ({ $count })
staff-translations-missing = översättning saknas
staff-translations-unreviewed = ogranskad
staff-translations-source = Finsk källtext
staff-translations-text = Översättning
staff-translations-mark-reviewed = Spara som granskad
staff-translations-empty = Alla texter på detta språk är översatta och granskade.
staff-translations-pages = Sidor
translations-problem-empty = Översättningen är tom.
translations-problem-too-long = Översättningen är längre än 5 000 tecken.
translations-problem-control = Översättningen innehåller styrtecken.
translations-problem-unknown-id = Det finns ingen text { $value }.
translations-problem-duplicate = Texten { $value } finns två gånger i filen.
translations-problem-source-changed = Den finska källtexten har ändrats efter översättningen.
translations-problem-source-language = Källspråket är { $value }, inte fi.
translations-problem-target-language = Målspråket (trgLang) är { $value }, inte köns språk.
translations-problem-xml = Filen är inte giltig XML: { $value }
translations-problem-encoding = Filen är inte i UTF-8.
translations-problem-not-xliff = Filen är inte en XLIFF 2.0-fil (rotelement { $value }).
translations-problem-no-id = En översättningsenhet saknar id.
translations-problem-segments = En översättningsenhet har fler än ett segment.
translations-problem-markup = Texten innehåller märkning ({ $value }); endast ren text godtas.
translations-problem-state = Segmentets status { $value } är inte initial, translated, reviewed eller final.

## Strategy versions in the staff pages
staff-nav-versions = Strategins versioner
staff-versions-title = Strategins versioner
staff-versions-intro = Alla versioner av strategin, även utkast och versioner under behandling. En ny version börjar som ett utkast som är en kopia av en annan version. Utkastet lämnas till behandling och godkänns genom ett beslut av staden, varvid den tidigare godkända versionen ersätts. Endast godkända och ersatta versioner är offentliga.
staff-versions-caption = Strategins versioner
staff-version-label = Version
staff-version-status = Status
staff-version-approved-on = Beslutsdatum
staff-version-body = Beslutande organ
staff-version-minutes = Protokoll
staff-version-status-draft = Utkast
staff-version-status-review = Under behandling
staff-version-status-approved = Godkänd, gällande
staff-version-status-superseded = Ersatt
staff-version-overridden = godkänd trots granskningens fel
staff-versions-new-heading = Börja ett nytt utkast
staff-versions-new-intro = Utkastet är en kopia av allt som den valda versionen innehåller.
staff-versions-new-label = Den nya versionens beteckning
staff-versions-new-label-hint = 1–40 bokstäver, siffror, punkter, bindestreck eller understreck, t.ex. 1.2. Beteckningen syns i versionens adress.
staff-versions-new-from = Version som kopieras
staff-versions-new-submit = Börja utkastet
staff-version-error-label = Ange en beteckning med 1–40 bokstäver, siffror, punkter, bindestreck eller understreck.
staff-version-error-taken = Det finns redan en version med denna beteckning. Välj en annan beteckning.
staff-version-error-from = Välj versionen som kopieras i listan.
staff-version-title = Strategins version
staff-version-heading = Strategins version { $label }
staff-version-refused-title = Steget kan inte tas
staff-version-error-step = Versionens status är nu ”{ $status }”, vilket inte tillåter detta steg. Ingenting ändrades.
staff-version-override = Motivering för att godkänna trots fel i granskningen
staff-version-override-hint = Behövs bara om granskningen hittar fel. Motiveringen visas med versionen, också på den offentliga webbplatsen.
staff-version-diff-link = Ändringar jämfört med den gällande versionen { $version }
staff-version-diff-title = Ändringar mellan versioner
staff-version-lint-heading = Granskning av versionen
staff-version-lint-errors = Granskningen hittar fel i versionen ({ $count }) jämfört med stadens resultatmål och mätare:
staff-version-lint-clean = Granskningen hittar inga fel i versionen.
staff-version-submit-heading = Lämna till behandling
staff-version-submit-intro = En version under behandling ändras inte längre. Återför den till utkast om den behöver ändras.
staff-version-submit = Lämna till behandling
staff-version-approve-heading = Godkänn
staff-version-approve-intro = Registrera stadens beslut. Den godkända versionen blir genast den gällande versionen på den offentliga webbplatsen, och den tidigare godkända versionen ersätts.
staff-version-approve = Godkänn versionen
staff-version-withdraw-heading = Återför till utkast
staff-version-withdraw-intro = Versionen blir åter ett utkast som kan ändras och lämnas till behandling på nytt.
staff-version-withdraw = Återför till utkast
staff-version-body-fi = Beslutande organ på finska
staff-version-body-sv = Beslutande organ på svenska (frivilligt)
staff-version-body-en = Beslutande organ på engelska (frivilligt)
staff-version-body-hint = T.ex. Kaupunginvaltuusto.
staff-version-date = Beslutsdatum
staff-version-date-hint = ÅÅÅÅ-MM-DD, t.ex. 2030-01-31.
staff-version-minutes-hint = T.ex. Kvalt 11.9.2017 § 123.
staff-version-error-body = Ange det beslutande organet på finska.
staff-version-error-date = Ange beslutsdatumet i formen ÅÅÅÅ-MM-DD.
staff-version-error-minutes = Ange en hänvisning till protokollet.
staff-version-error-lint-override-needed = Granskningen hittar fel i versionen. Rätta dem eller skriv en motivering för att godkänna versionen trots felen.
## Editing a draft's texts
drafts-title = Versionens texter
drafts-item-title = Redigera texter
drafts-heading = Texterna i version { $label }
drafts-status = Status: { $status }
drafts-intro = Utkastets texter redigeras en post i taget på finska, svenska och engelska. Att lägga till, ta bort eller ordna om poster går ännu inte.
drafts-read-only-role = Du kan läsa texterna. De redigeras av strategiredaktörer och administratörer.
drafts-locked = Endast ett utkast kan redigeras. Den här versionen är inte ett utkast: en godkänd version ändras inte, utan ändringarna görs i ett nytt utkast.
drafts-only-draft = Endast ett utkast kan redigeras: version { $value } är inte längre ett utkast, och ingenting sparades.
drafts-kinds-nav = Slag av poster
drafts-column-item = Post
drafts-column-text = Text på finska
drafts-column-translations = Översättningar
drafts-translations-done = översatt och granskad
drafts-missing = { $lang } saknas
drafts-unreviewed = { $lang } inte granskad
drafts-not-reviewed = inte granskad
drafts-back = Texterna i version { $label }
drafts-item-heading = { $item }, version { $label }
drafts-reviewed-legend = { $field }: översättningarna granskade
drafts-reviewed-sv = Den svenska översättningen är granskad
drafts-reviewed-en = Den engelska översättningen är granskad
drafts-kind-city = Staden
drafts-kind-strategy = Visionen och strategins texter
drafts-kind-value = Värderingar och verksamhetsprinciper
drafts-kind-headline = Centrala mål för fullmäktigeperioden
drafts-kind-area = Områden
drafts-kind-goal = Mål
drafts-kind-action = Åtgärder
drafts-kind-programme = Förvaltningsövergripande utvecklingsprogram
drafts-kind-chapter = Berättelsens kapitel
drafts-kind-section = Berättelsens avsnitt
drafts-kind-event = Skeden i beredningen
drafts-item-city = Staden
drafts-item-strategy = Strategin
drafts-item-value = Värdering
drafts-item-headline = Centralt mål
drafts-item-area = Område
drafts-item-goal = Mål
drafts-item-action = Åtgärd
drafts-item-programme = Utvecklingsprogram
drafts-item-chapter = Kapitel
drafts-item-section = Avsnitt
drafts-item-event = Skede i beredningen

## Surveys (enkäter)
surveys-title = Enkäter
surveys-description = Stadens enkäter som invånarna kan svara på, och deras resultat.
surveys-intro = Du kan svara på de här enkäterna nu. Du svarar anonymt och behöver inte logga in.
surveys-none = Just nu finns det inga öppna enkäter.
surveys-closes = Svarstiden går ut { $date }.
surveys-back = Alla enkäter
survey-results-link = Se enkätens resultat
survey-answer-link = Svara på enkäten
survey-closed = Den här enkäten stängdes { $date } och det går inte längre att svara på den.
survey-upcoming = Den här enkäten öppnas för svar { $date }.
survey-page-of = Sida { $page } av { $pages }
survey-error-summary = Kontrollera dina svar
survey-error-prefix = Fel:
survey-optional = frivilligt
survey-trap-label = Lämna det här fältet tomt
survey-region-none = Inget val
survey-previous = Föregående sida
survey-next = Nästa sida
survey-send = Skicka svaren
survey-privacy-heading = Dataskydd
survey-notice-trap = Formuläret hade ett ifyllt fält som människor inte ser, så svaren sparades inte. Om du svarar själv, skicka formuläret igen.
survey-notice-too-fast = Formuläret skickades så snabbt att svaren inte sparades. Kontrollera dina svar och skicka dem igen.
survey-notice-expired = Formuläret hade gått ut, så svaren sparades inte. Dina svar finns kvar nedan: kontrollera dem och skicka igen.
survey-problem-required = Svara på den här frågan.
survey-problem-unknown-choice = Välj ett av de givna alternativen.
survey-problem-one-only = Välj bara ett alternativ.
survey-problem-not-a-number = Skriv ett tal, till exempel 12 eller 12,5.
survey-problem-out-of-range = Skriv ett tal mellan { $min } och { $max }.
survey-problem-not-a-date = Skriv datumet i formen 31.12.2026.
survey-problem-too-long = Svaret är för långt: högst { $max } tecken.
survey-problem-control-characters = Svaret innehåller tecken som inte är text. Ta bort dem.
survey-thanks-title = Tack för ditt svar
survey-thanks-saved = Ditt svar har sparats i enkäten
survey-receipt-heading = Kvittokod
survey-receipt-explained = Spara koden. Med den kan dina svar hittas och raderas om du begär det. Koden kan inte kopplas till dig om du inte själv uppger den.
survey-results-title = Resultat
survey-results-responses = { $count ->
    [one] { $count } person har svarat på enkäten.
   *[other] { $count } personer har svarat på enkäten.
}
survey-results-examples = { $count ->
    [one] Av svaren är { $count } ett exempelsvar, inte en invånares.
   *[other] Av svaren är { $count } exempelsvar, inte invånares.
}
survey-results-live = Resultaten uppdateras så snart ett nytt svar har sparats.
survey-results-answered = { $count ->
    [one] { $count } svar på den här frågan.
   *[other] { $count } svar på den här frågan.
}
survey-results-text-moderated = Fritextsvar publiceras först när de har granskats.
survey-results-col-answer = Svar
survey-results-col-count = Antal
survey-results-col-share = Andel
survey-results-by-language = Svar per språk
survey-results-by-region = Svar per område
survey-results-col-language = Språk
survey-results-col-region = Område
survey-results-col-responses = Svarande
survey-results-col-score = Nöjdhet
survey-results-no-region = Område okänt
survey-results-api = Resultaten i JSON-format
survey-results-csat = Nöjda (4 eller 5) { $value } % (95 % konfidensintervall { $low }–{ $high } %, n = { $n })
survey-results-nps = NPS { $value } (95 % konfidensintervall { $low }–{ $high }, n = { $n })
problem-detail-survey-rate = Från den här adressen har för många svar skickats på kort tid. Vänta en stund och försök igen.
problem-detail-survey-malformed = Formulärets uppgifter kunde inte läsas. Öppna enkäten igen och svara på den.
problem-detail-no-survey = Det finns ingen enkät med adressen { $value }, eller så är dess resultat inte offentliga.
