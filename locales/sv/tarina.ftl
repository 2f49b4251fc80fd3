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
