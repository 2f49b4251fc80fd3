# Tarina: käyttöliittymän tekstit suomeksi (lähdekieli).

site-name = Espoo-tarina
skip-to-content = Siirry pääsisältöön
language-nav-label = Kieli
language-name-fi = Suomi
language-name-sv = Svenska
language-name-en = English
main-nav-label = Päävalikko
nav-home = Etusivu
nav-areas = Osa-alueet ja tavoitteet
nav-programmes = Kehitysohjelmat
nav-narrative = Tarina
nav-timeline = Valmistelu
breadcrumb-label = Murupolku
notice-translation-unreviewed = Tämän sivun käännöstä ei ole vielä tarkistettu. Suomenkielinen teksti on alkuperäinen.
notice-translation-missing = Osa tämän sivun sisällöstä on vielä vain suomeksi.
footer-accessibility = Saavutettavuusseloste
footer-api = Avoin rajapinta (API)
footer-about = Kaupunkistrategia avoimena datana suomeksi, ruotsiksi ja englanniksi.

version-line = Versio { $version }, valtuustokausi { $term }.
approved-line = Hyväksytty
vision-heading = Visio
values-heading = Arvot ja toimintaperiaatteet
headline-goals-heading = Valtuustokauden keskeiset tavoitteet
related-goals = Tavoitteet
goal-number = tavoite { $number }
areas-title = Osa-alueet ja valtuustokauden tavoitteet
area-goal-count = { $count ->
    [one] 1 valtuustokauden tavoite
   *[other] { $count } valtuustokauden tavoitetta
}
programmes-title = Poikkihallinnolliset kehitysohjelmat
more-heading = Lisää strategiasta
narrative-title = Tarina: mistä tulemme ja minne menemme
narrative-description = Strategian kertomus: Espoon historia, nykytila ja suunta.
timeline-title = Näin strategia valmisteltiin
timeline-description = Strategian valmistelun vaiheet ja osallistuminen 2016–2017.
source-label = Lähde
action-count = { $count ->
    [one] 1 toimenpide
   *[other] { $count } toimenpidettä
}
aim-heading = Päämäärä
council-goals-heading = Valtuustokauden { $term } tavoitteet
goal-position = Valtuustokauden { $term } tavoite { $number }/{ $total }
area-label = Osa-alue
actions-heading = Toimenpiteet
goal-pager-label = Muut tavoitteet
previous-goal = Edellinen tavoite
next-goal = Seuraava tavoite
about-programmes-heading = Kehitysohjelmista
toc-heading = Sisällys
event-kind-participation = Osallistaminen
event-kind-council = Valtuusto ja kaupunginhallitus
event-kind-review = Lautakunnat
event-kind-approval = Hyväksyminen

a11y-title = Saavutettavuusseloste
a11y-description = Miten tämä palvelu täyttää saavutettavuusvaatimukset ja miten voit antaa palautetta.
a11y-intro = Tämä saavutettavuusseloste koskee tätä strategiapalvelua. Tavoitteena on, että palvelu täyttää digitaalisten palvelujen tarjoamisesta annetun lain (306/2019) vaatimukset ja WCAG 2.1 -ohjeiden AA-tason.
a11y-status-heading = Saavutettavuuden tila
a11y-status = Palvelu täyttää saavutettavuusvaatimukset osittain. Tiedossa olevat puutteet on lueteltu alla.
a11y-gaps-heading = Tiedossa olevat puutteet
a11y-gap-translations = Ruotsin- ja englanninkieliset käännökset eivät ole vielä kaupungin tarkistamia. Jos käännös puuttuu, teksti näytetään suomeksi ja merkitään suomenkieliseksi.
a11y-gap-audit = Ulkopuolinen asiantuntija ei ole vielä arvioinut palvelun saavutettavuutta, eikä automaattisia saavutettavuustarkistuksia ole vielä otettu käyttöön.
a11y-how-heading = Miten saavutettavuus on otettu huomioon
a11y-how = Sivut toimivat ilman JavaScriptiä. Niissä on ohituslinkki pääsisältöön, maamerkit, yksi pääotsikko ja murupolku. Sivun kieli on merkitty, ja kieliversioiden välillä voi siirtyä samalle sivulle.
a11y-feedback-heading = Palaute ja yhteystiedot
a11y-feedback = Huomasitko puutteen? Kerro siitä meille. Vastaamme 14 päivän kuluessa. Sähköposti:
a11y-enforcement-heading = Valvontaviranomainen
a11y-enforcement = Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahdessa viikossa, voit tehdä ilmoituksen valvontaviranomaiselle. Ohjeet:
a11y-dated = Seloste on laadittu 27.11.2026.

api-title = Avoin rajapinta
api-description = Strategia avoimena datana: JSON-rajapinta ja sen OpenAPI-kuvaus.
api-intro = Kaikki strategian sisältö on saatavilla JSON-muodossa. Jokainen teksti on objekti, jossa on suomi (fi), ruotsi (sv) ja englanti (en). Rajapinnan kuvaus on alla englanniksi.
api-openapi-link = OpenAPI 3.1 -kuvaus (JSON)
api-parameters = Parametrit
api-responses = Vastaukset

error-go-home = Siirry etusivulle
problem-title-400 = Virheellinen pyyntö
problem-title-404 = Sivua ei löytynyt
problem-title-405 = Menetelmä ei ole sallittu
problem-title-408 = Pyyntö aikakatkaistiin
problem-title-413 = Pyyntö on liian suuri
problem-title-500 = Palvelussa tapahtui virhe
problem-title-503 = Palvelu ei ole juuri nyt käytettävissä
problem-detail-no-page = Tällä osoitteella ei löydy sivua. Tarkista osoite tai aloita etusivulta.
problem-detail-method = Tähän osoitteeseen ei voi lähettää tällaista pyyntöä.
problem-detail-timeout = Pyynnön lähettäminen kesti liian kauan.
problem-detail-too-large = Pyyntö on suurempi kuin palvelu ottaa vastaan.
problem-detail-bad-request = Pyyntö on virheellinen.
problem-detail-internal = Palvelussa tapahtui odottamaton virhe. Se on kirjattu, ja selvitämme sen.
problem-detail-unavailable = Tietokantaan ei juuri nyt saada yhteyttä. Yritä hetken kuluttua uudelleen.
problem-detail-malformed-id = Tunniste "{ $value }" ei kelpaa: tunnisteen pitää olla kokonaisluku väliltä 1–999999.
problem-detail-no-goal = Tavoitetta tunnisteella { $value } ei ole.

# Vuosittainen tavoitteiden johtaminen: mittarit, tilannekuva ja talousarvion liite.
nav-situation = Tilannekuva
nav-indicators = Mittarit
status-heading = Tilanne
status-on_track = Tavoitteessa
status-at_risk = Riski jäädä tavoitteesta
status-off_track = Jäljessä tavoitteesta
status-no_data = Ei tietoa
example-badge = esimerkki
indicators-title = Mittarit
indicators-title-page = Mittarit, sivu { $page }/{ $pages }
pagination-label = Mittarilistan sivut
pagination-previous = Edellinen sivu
pagination-next = Seuraava sivu
pagination-page = Sivu
indicators-description = Strategian mittarit: viimeisin arvo, tilanne suhteessa tavoitteeseen ja ennuste.
indicators-table-caption = Kaikki mittarit ja niiden tilanne
indicator-column = Mittari
indicator-latest = Viimeisin arvo
indicator-target = Tavoite
indicator-eyebrow = Mittari
indicator-example-notice = Osa tämän mittarin luvuista on esimerkkejä, jotka havainnollistavat palvelua. Ne eivät ole kaupungin virallisia tilastoja; esimerkit on merkitty.
indicator-no-values = Mittarille ei ole vielä arvoja.
indicator-forecast = Nykyisellä kehitysvauhdilla arvo on { $value } vuonna { $year } (vaihteluväli { $low }–{ $high }, { $points } viimeisimmän arvon perusteella); tavoite on { $target }.
status-rule-indicator = Mittarin tilanne lasketaan koko kaupungin viimeisimmästä arvosta suhteessa suoraan polkuun lähtötasosta tavoitteeseen: enintään 5 % suunnitellusta muutoksesta jäljessä on tavoitteessa, enintään 20 % on riski, enemmän on jäljessä. Muut alueet arvioidaan saman suhteellisen muutoksen mukaan omasta ensimmäisestä arvostaan.
status-rule-action = Toimenpide on tavoitteessa, kun se on käynnissä tai valmis, ja riskissä, kun se on viivästynyt; aloittamaton tai raportoimaton toimenpide ei vaikuta tilanteeseen.
status-rule-goal = Tavoitteen tilanne kootaan sen mittareista (suoraan tai tulostavoitteiden kautta) ja toimenpiteistä: jos vähintään puolet tiedollisista on jäljessä, tavoite on jäljessä; jos yksikin on riskissä tai jäljessä, tavoite on riskissä; muuten tavoitteessa.
status-rule-area = Osa-alueen tilanne kootaan samalla säännöllä sen tavoitteista.
indicator-definition = Määritelmä
indicator-unit = Yksikkö
indicator-direction = Suunta
direction-increase = Suurempi on parempi
direction-decrease = Pienempi on parempi
direction-band = Pysyy välillä
indicator-baseline = Lähtötaso
indicator-milestone = Välitavoite
indicator-source = Tietolähde
indicator-licence = Käyttöehdot
indicator-connector = Automaattinen haku
indicator-connector-table = { $connector }, taulukko { $table }
indicator-checked = Tarkistettu lähteestä viimeksi { $checked }
indicator-not-checked = Lähteestä ei ole vielä tarkistettu
indicator-frequency = Päivitystiheys
frequency-monthly = Kuukausittain
frequency-quarterly = Neljännesvuosittain
frequency-annual = Vuosittain
frequency-irregular = Epäsäännöllisesti
indicator-chart-heading = Kehitys
indicator-chart-caption = Kuvio näyttää arvot alueittain sekä lähtötason, välitavoitteet, tavoitteen, ennusteen ja strategian arviot. Samat tiedot ovat taulukossa.
indicator-table-caption = Arvot: { $region }, uusin ensin
column-date = Päivä
column-value = Arvo
column-region = Alue
indicator-table-truncated = Taulukossa näkyy { $shown } uusinta arvoa { $total } arvosta; kaikki arvot saa CSV-tiedostona.
indicator-regions-heading = Alueiden vertailu
indicator-regions-caption = Viimeisin arvo ja tilanne alueittain
targets-heading = Tulostavoitteet
binding = sitova tavoite
corrections-heading = Korjaushistoria
corrections-caption = Korjatut arvot: aiempi arvo säilyy
corrections-old-value = Aiempi arvo
corrections-replaced = Korvattu
downloads-heading = Avoin data
download-csv = Arvot CSV-tiedostona
download-jsonstat = Arvot JSON-stat 2.0 -muodossa
download-json = Mittari JSON-muodossa (API)
download-xlsx = Liite Excel-tiedostona (XLSX)
situation-title = Tilannekuva
situation-description = Valtuustokauden tavoitteiden tilanne osa-alueittain, koottuna mittareista ja toimenpiteistä.
goal-count = { $count ->
    [one] 1 tavoite
   *[other] { $count } tavoitetta
}
situation-area-caption = Tavoitteet ja niiden tilanne
goal-column = Tavoite
situation-actions-reported = Raportoidut toimenpiteet
situation-rule-heading = Miten tilanne lasketaan
annex-index-title = Talousarvion liitteet
annex-description = Strategiset tulostavoitteet ja mittarit toimialoittain talousarviovuodelle.
annex-none = Tulostavoitteita ei ole vielä.
annex-title = Talousarvio: strategiset tavoitteet ja mittarit
annex-example-notice = Tämän vuoden tulostavoitteet ovat esimerkkejä, jotka havainnollistavat palvelua; ne eivät ole kaupungin hyväksymiä tavoitteita.
annex-years-label = Talousarviovuodet
target-number = Tulostavoite { $id }
responsible = Vastuutaho
annex-indicators-caption = Tulostavoitteen mittarit
target-no-indicators = Tulostavoitteelle ei ole vielä mittaria.
assessment-heading = Arvio
grade-achieved = Toteutui
grade-partly_achieved = Toteutui osittain
grade-not_achieved = Ei toteutunut
grade-not_assessable = Ei arvioitavissa
action-state-not_started = ei aloitettu
action-state-in_progress = käynnissä
action-state-delayed = viivästynyt
action-state-completed = valmis
chart-baseline = Lähtötaso
chart-milestone = Välitavoite
chart-target = Tavoite
chart-forecast = Ennuste
annex-col-organisation = Toimiala
annex-col-target_id = Nro
annex-col-target = Tulostavoite
annex-col-binding = Sitova
annex-col-goals = Valtuustokauden tavoitteet
annex-col-responsible = Vastuutaho
annex-col-indicator = Mittari
annex-col-unit = Yksikkö
annex-col-baseline = Lähtötaso
annex-col-baseline_date = Lähtötason päivä
annex-col-target_value = Tavoitearvo
annex-col-target_date = Tavoitteen päivä
annex-col-latest = Viimeisin arvo
annex-col-latest_date = Viimeisimmän päivä
annex-col-status = Tilanne
annex-col-assessment = Arvio
annex-col-example = Esimerkki
annex-col-justification = Arvion perustelu
yes = kyllä
no = ei
problem-detail-no-indicator = Mittaria tunnisteella { $value } ei ole.
problem-detail-unknown-region = Aluetta "{ $value }" ei ole. Alueiden tunnisteet ovat osoitteessa /api/v1/regions.
problem-detail-malformed-date = Päivämäärä "{ $value }" ei kelpaa: kirjoita päivämäärä muodossa VVVV-KK-PP, esimerkiksi 2018-12-31.
problem-detail-date-range = Aikaväli on väärin päin ({ $value }): alkupäivä (from) ei saa olla loppupäivän (to) jälkeen.
problem-detail-malformed-limit = Arvo "{ $value }" ei kelpaa parametriksi limit: sen pitää olla kokonaisluku väliltä 1–100000.
problem-detail-malformed-list-limit = Arvo "{ $value }" ei kelpaa parametriksi limit: sen pitää olla kokonaisluku väliltä 1–10000.
problem-detail-malformed-offset = Arvo "{ $value }" ei kelpaa parametriksi offset: sen pitää olla kokonaisluku väliltä 0–1000000000.
problem-detail-malformed-year = Vuosi "{ $value }" ei kelpaa: talousarviovuoden pitää olla nelinumeroinen vuosi väliltä 2000–2100.
problem-detail-malformed-lang = Kieli "{ $value }" ei kelpaa: valitse fi, sv tai en.
problem-detail-repeated-parameter = Parametri { $value } on annettu useammin kuin kerran; anna se vain kerran.
table-scroll-label = Taulukko (vieritettävissä sivusuunnassa)

# Projections, ceilings, approximate figures and licences not stated
direction-ceiling = Enintään tavoitearvo
indicator-projection = Strategian arvio
indicator-no-target = Mittarilla ei ole tavoitetta: se kuvaa toimintaympäristöä, eikä sen tilannetta arvioida. Strategian arviot näkyvät kuviossa pisteviivana; ne eivät ole tavoitteita.
chart-projection = Arvio
licence-not-stated = Käyttöehtoja ei ole ilmoitettu
reference-approximate = noin
reference-date-assumed = päivämäärä oletettu
organisation-valid-until = Toimi tällä nimellä { $to } asti.
organisation-valid-from = Toimii tällä nimellä { $from } alkaen.
organisation-valid-between = Toimi tällä nimellä { $from }–{ $to }.

## Staff pages: sign-in, sessions, accounts; error statuses of writes
problem-title-401 = Kirjautuminen tarvitaan
problem-title-403 = Ei oikeutta
problem-title-409 = Ristiriita
problem-title-412 = Tieto on muuttunut
problem-title-415 = Tietomuotoa ei tueta
problem-title-422 = Tietoja ei voitu tallentaa
problem-title-429 = Liian monta yritystä
problem-detail-unauthorized = Kirjaudu ensin sisään.
problem-detail-forbidden = Roolisi ei salli tätä.
problem-detail-cross-site = Pyyntö tuli toiselta sivustolta, joten sitä ei käsitelty.
problem-detail-form-token = Lomake on vanhentunut tai se ei ole tältä sivustolta. Lataa sivu uudelleen ja yritä uudestaan.
problem-detail-conflict = Tieto on muuttunut tai se on jo olemassa.
problem-detail-precondition = Joku muu muutti tietoa sillä välin. Hae uusin versio ja yritä uudelleen.
problem-detail-unprocessable = Tiedot eivät täytä sääntöjä, joten mitään ei tallennettu.
problem-detail-media-type = Lähetä tiedot lomakkeena tai JSON-muodossa.
staff-site-name = Tarina – henkilöstö
staff-nav-label = Henkilöstön valikko
staff-nav-home = Etusivu
staff-nav-accounts = Käyttäjätilit
staff-nav-sessions = Omat kirjautumiset
staff-sign-out = Kirjaudu ulos
staff-public-site = Julkinen sivusto
staff-signed-in-as = Kirjautuneena: { $name } ({ $role })
staff-sign-in-title = Kirjaudu sisään
staff-sign-in = Kirjaudu
staff-email = Sähköpostiosoite
staff-password = Salasana
staff-error-email-missing = Kirjoita sähköpostiosoite.
staff-error-password-missing = Kirjoita salasana.
staff-error-sign-in-refused = Sähköpostiosoite tai salasana on väärin.
staff-error-sign-in-locked = Liian monta epäonnistunutta kirjautumista. Yritä uudelleen 15 minuutin kuluttua.
staff-error-sign-in-busy = Palvelu on juuri nyt ruuhkautunut. Yritä hetken päästä uudelleen.
form-error-summary = Korjaa nämä kohdat
staff-home-title = Henkilöstön sivut
staff-home-intro = Hei { $name }! Roolisi on { $role }.
staff-home-organisation = Organisaatiosi: { $organisation }
staff-home-can = Voit
operation-view-internal = nähdä sisäiset muistiinpanot ja julkaisemattomat tiedot
operation-manage-accounts = hallita käyttäjätilejä, rooleja ja API-avaimia
operation-read-audit-log = lukea muutoslokia
operation-edit-strategy = muokata strategiaa
operation-edit-indicator-definition = muokata mittareiden määrittelyjä
operation-record-values = kirjata mittareiden arvoja
operation-edit-targets = muokata tulostavoitteita
operation-approve-targets = viedä vuoden tulostavoitteet hyväksyttäviksi
operation-report-action-progress = raportoida toimenpiteiden etenemistä
role-admin = pääkäyttäjä
role-strategy_editor = strategian ylläpitäjä
role-department_editor = toimialan ylläpitäjä
role-action_owner = toimenpiteen vastuuhenkilö
role-viewer = lukija
staff-sessions-title = Omat kirjautumiset
staff-sessions-intro = Näillä selaimilla on kirjauduttu tunnuksellasi. Lopeta kirjautuminen, jota et tunnista.
staff-sessions-caption = Voimassa olevat kirjautumiset
staff-session-started = Alkoi
staff-session-seen = Viimeksi käytetty
staff-session-device = Selain
staff-session-action = Toiminto
staff-session-this = Tämä selain
staff-session-end = Lopeta kirjautuminen
staff-session-ended = Kirjautuminen lopetettiin.
staff-accounts-title = Käyttäjätilit
staff-accounts-caption = Kaikki käyttäjätilit
staff-account-created = Käyttäjätili { $email } luotiin.
staff-name = Nimi
staff-role = Rooli
staff-organisation = Organisaatio
staff-organisation-none = Ei organisaatiota (koko kaupunki)
staff-language = Kieli
staff-account-new = Uusi käyttäjätili
staff-new-password = Salasana
staff-new-password-hint = Vähintään 12 merkkiä. Jätä tyhjäksi, jos henkilö kirjautuu vain kaupungin tunnistuspalvelun kautta.
staff-reason = Syy
staff-reason-hint = Kirjataan muutoslokiin.
staff-error-reason = Kirjoita syy (enintään 500 merkkiä).
staff-account-create = Luo käyttäjätili
account-error-email = Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.
account-error-name = Nimessä on oltava 1–200 merkkiä.
account-error-password = Salasanassa on oltava vähintään 12 ja enintään 256 merkkiä.
account-error-organisation = Valitse organisaatio toimialan ylläpitäjälle, muille rooleille ei.
account-error-role = Valitse rooli luettelosta.
account-error-language = Valitse kieli luettelosta.
account-error-unknown-organisation = Valitse organisaatio luettelosta.
account-error-taken = Tällä sähköpostiosoitteella on jo käyttäjätili.
staff-sign-in-oidc-title = Kaupungin tunnuksella
staff-sign-in-oidc = Kirjaudu kaupungin tunnuksella
staff-error-oidc-refused = Kirjautuminen kaupungin tunnuksella ei onnistunut. Jos sinulla ei ole vielä Tarinan käyttäjätiliä, pyydä sitä pääkäyttäjältä.
staff-error-oidc-unavailable = Kaupungin tunnistuspalveluun ei saada juuri nyt yhteyttä. Yritä hetken päästä uudelleen.
staff-nav-indicators = Mittarit
staff-indicators-title = Mittareiden arvot
staff-indicators-intro = Nämä ovat mittarit, joiden arvoja voit kirjata.
staff-indicators-caption = Mittarit, joiden arvoja voit kirjata
staff-indicators-none = Sinulle ei ole osoitettu mittareita.
staff-indicator = Mittari
staff-unit = Yksikkö
staff-latest-value = Viimeisin arvo
staff-values-title = Arvon kirjaaminen
staff-values-intro = Kirjaa yksi arvo kerrallaan (yksikkö: { $unit }). Jos samalle alueelle ja päivälle on jo arvo, uusi korvaa sen ja vanha säilyy korjaushistoriassa.
staff-value-new = Uusi arvo
staff-value-recorded = Arvo kirjattiin.
staff-value-record = Kirjaa arvo
staff-region = Alue
staff-date = Päivämäärä
staff-date-hint = Päivä, jota arvo kuvaa, muodossa VVVV-KK-PP, esimerkiksi 2024-12-31 (vuoden viimeinen päivä).
staff-value = Arvo
staff-value-hint = Luku, esimerkiksi 71,5 tai 71.5, ilman tuhaterottimia.
staff-source = Lähde
staff-source-hint = Mistä arvo on peräisin, esimerkiksi tilasto tai raportti.
staff-values-recent = Viimeisimmät arvot
staff-values-recent-caption = Mittarin kymmenen viimeisintä arvoa
staff-values-none = Mittarilla ei ole vielä arvoja.
staff-example = esimerkki
staff-error-region = Valitse alue luettelosta.
staff-error-date = Anna päivämäärä muodossa VVVV-KK-PP vuosilta 1900–2100.
staff-error-value = Kirjoita luku, esimerkiksi 71,5 tai 71.5.
staff-error-source = Kerro lähde (enintään 500 merkkiä).
staff-nav-audit = Muutosloki
staff-audit-title = Muutosloki
staff-audit-intro = Jokainen muutos: kuka, milloin, miksi, mihin se kohdistui ja tiedot ennen ja jälkeen. Uusimmat ensin.
staff-audit-actor = Tekijä
staff-audit-actor-hint = Osa tekijästä, esimerkiksi user:12 tai connector:
staff-audit-text = Haku kuvauksesta, syystä tai kohteesta
staff-audit-from = Alkaen
staff-audit-to = Päättyen
staff-audit-filter = Rajaa
staff-audit-download = Lataa rajatut merkinnät CSV-tiedostona
staff-audit-caption = Muutoslokin merkinnät
staff-audit-when = Aika (UTC)
staff-audit-who = Tekijä
staff-audit-what = Muutos
staff-audit-details = Tiedot
staff-audit-before = Ennen
staff-audit-after = Jälkeen
staff-audit-none = Ei merkintöjä näillä rajauksilla.
staff-audit-pages = Muutoslokin sivut
staff-audit-newer = Uudemmat
staff-audit-older = Vanhemmat
staff-date-format = Muodossa VVVV-KK-PP
staff-nav-actions = Toimenpiteet
staff-nav-targets = Tulostavoitteet
staff-actions-title = Toimenpiteiden eteneminen
staff-actions-intro = Näistä toimenpiteistä voit raportoida etenemisen.
staff-actions-caption = Toimenpiteet, joiden etenemisen voit raportoida
staff-actions-none = Sinulle ei ole osoitettu toimenpiteitä.
staff-actions-back = Takaisin toimenpiteisiin
staff-action = Toimenpide
staff-goal = Tavoite
staff-progress-title = Raportoi eteneminen
staff-progress-heading = Toimenpiteen { $action } eteneminen
staff-progress-none = ei raportoitu
staff-progress-state = Tila
staff-progress-percent = Valmiusaste (%)
staff-progress-percent-hint = Kokonaisluku 0–100. Jätä tyhjäksi, jos sitä ei voi antaa.
staff-progress-as-of = Tilanne päivänä
staff-progress-note = Huomautus
staff-progress-note-hint = Mitä on tehty ja mitä seuraavaksi. Suomi on lähdekieli; ruotsin ja englannin voi lisätä nyt tai myöhemmin.
staff-choose = Valitse
staff-text-in-fi = Suomeksi
staff-text-in-sv = Ruotsiksi
staff-text-in-en = Englanniksi
staff-translation-missing = käännös puuttuu
staff-edit-save = Tallenna
staff-edit-saved = Muutokset tallennettiin.
staff-error-state = Valitse tila luettelosta.
staff-error-percent = Anna kokonaisluku 0–100 tai jätä kenttä tyhjäksi.
staff-error-as-of = Anna päivämäärä muodossa VVVV-KK-PP vuosilta 2000–2100.
staff-error-too-long = Teksti on liian pitkä: enintään 5000 merkkiä.
staff-error-finnish-required = Kirjoita teksti ensin suomeksi: se on käännösten lähde.
staff-error-grade = Valitse arvio luettelosta.
staff-error-grade-needed = Valitse perustelulle arvio tai poista perustelu.
staff-conflict-title = Joku tallensi tämän kohteen sen jälkeen, kun avasit lomakkeen
staff-conflict-intro = Mitään tiedoistasi ei ole vielä tallennettu. Vertaa tallennettua versiota omaasi alla.
staff-conflict-caption = Tallennettu versio ja sinun versiosi
staff-conflict-field = Kenttä
staff-conflict-saved = Nyt tallennettu
staff-conflict-yours = Sinun
staff-conflict-differs = eroaa
staff-conflict-next = Alla olevassa lomakkeessa on sinun versiosi. Tallenna se korvataksesi tallennetun version, tai muokkaa sitä ensin.
staff-targets-title = Tulostavoitteet
staff-targets-intro = Talousarviovuoden tulostavoitteet ja niiden vaihe: luonnos, talousarvioehdotuksessa tai valtuuston hyväksymä. Julkisella sivustolla näkyvät vain valtuuston hyväksymät tavoitteet.
staff-targets-caption = Vuoden { $year } tulostavoitteet
staff-targets-none = Tulostavoitteita ei ole vielä. Aloita uudesta tavoitteesta.
staff-targets-back = Takaisin tulostavoitteisiin
staff-year = Vuosi
staff-target = Tulostavoite
staff-target-binding = sitova tavoite
staff-assessment-title = Arvioi tulostavoite
staff-assessment-heading = Tulostavoitteen { $target } arviointi ({ $year })
staff-assessment-grade = Arvio
staff-assessment-no-grade = ei arvioitu
staff-assessment-justification = Perustelu
staff-assessment-justification-hint = Miksi tavoite sai arvionsa. Pakollinen, kun arvio annetaan; suomi on lähdekieli.
staff-markdown-hint = Voit muotoilla tekstiä Markdownilla: **lihavointi**, *kursivointi*, luettelot (- kohta) ja linkit [teksti](https://…). Kuvista näytetään linkki, ja HTML näkyy tekstinä sellaisenaan.
staff-account-title = Käyttäjätili
staff-accounts-back = Takaisin käyttäjätileihin
staff-account-active = Saa kirjautua
staff-account-active-hint = Poista valinta, jos henkilö ei enää saa kirjautua; hänen kirjautumisensa päättyvät heti. Tili ja sen historia säilyvät.
staff-account-actions = Vastuulla olevat toimenpiteet
staff-account-actions-hint = Toimenpiteen vastuuhenkilölle: toimenpiteiden numerot pilkuin erotettuina, esimerkiksi 12, 14.
staff-account-indicators = Vastuulla olevat mittarit
staff-account-indicators-hint = Toimenpiteen vastuuhenkilölle: mittareiden numerot pilkuin erotettuina, esimerkiksi 3, 17.
account-error-assignments = Vain toimenpiteen vastuuhenkilöllä on vastuulla toimenpiteitä ja mittareita: tyhjennä kentät tai valitse tämä rooli.
account-error-unknown-action = Anna strategian toimenpiteiden numerot pilkuin erotettuina.
account-error-unknown-indicator = Anna olemassa olevien mittareiden numerot pilkuin erotettuina.
account-error-own-reach = Et voi poistaa omaa ylläpitäjän rooliasi tai kirjautumisoikeuttasi: pyydä toista ylläpitäjää.

## Staff: connectors
staff-nav-connectors = Automaattiset haut
staff-connectors-title = Tilastojen automaattiset haut
staff-connectors-intro = Mittarit, joiden arvot haetaan automaattisesti julkaistuista tilastoista: mistä ne haetaan, kuinka usein ja miten viimeisin haku päättyi. Epäonnistuneen haun virhe näytetään kokonaan; haku ei silloin muuttanut mitään.
staff-connectors-caption = Automaattiset haut ja niiden viimeisimmät ajot
staff-connectors-connector = Haku
staff-connectors-source = Lähde
staff-connectors-interval = Hakuväli
staff-connectors-last-run = Viimeisin ajo
staff-connectors-result = Tulos
staff-connectors-checked = Viimeksi tarkistettu lähteestä
staff-connectors-table = taulukko { $table }
staff-connectors-never = Ei vielä ajettu
staff-connectors-not-checked = Ei vielä tarkistettu
staff-connectors-succeeded = Onnistui: luettu { $read }, puuttuu { $missing }; lisätty { $added }, korjattu { $corrected }, ennallaan { $unchanged }.
staff-connectors-source-updated = Lähde päivitetty { $updated }.
staff-connectors-failed = Epäonnistui:
staff-connectors-none = Yhdelläkään mittarilla ei ole automaattista hakua.
staff-connectors-kind-pxweb = PxWeb-rajapinta (v1)
staff-connectors-kind-jsonstat = JSON-stat 2.0 -osoite
staff-connectors-kind-sotkanet = Sotkanet (THL)
staff-connectors-kind-csv = CSV-tiedosto
staff-connectors-kind-xlsx = Excel-tiedosto (XLSX)
staff-connectors-edit = Muokkaa asetuksia
staff-connectors-add = Automaattinen haku muille mittareille
staff-connector-title = Automaattisen haun asetukset
staff-connector-heading = Automaattinen haku: { $name }
staff-connector-intro = Asetukset kirjoitetaan TOML-muodossa kuten tietotiedoston [connector]-taulukossa (katso README). Ne tarkistetaan ennen tallennusta. Tyhjä kenttä poistaa automaattisen haun; jo haetut arvot säilyvät.
staff-connector-settings = Asetukset
staff-connector-settings-hint = Esimerkiksi name, kind, url, region, time, value ja interval.
staff-connector-save = Tallenna asetukset
staff-connector-saved = Asetukset tallennettiin.
staff-connector-back = Takaisin automaattisiin hakuihin
staff-error-connector = Asetuksia ei voi käyttää:

## Kirjoittava rajapinta ja API-avaimet
problem-title-428 = Versio puuttuu
problem-detail-precondition-required = Kerro, mitä versiota olet muuttamassa: lähetä sen ETag If-Match-otsakkeessa (tai * jos kirjoitat versiosta riippumatta).
problem-detail-token = Lähetä voimassa oleva API-avain muodossa Authorization: Bearer ja avain. Avain voi olla tuntematon, peruttu tai vanhentunut.
problem-detail-token-scope = API-avain ei ulotu tähän tietoon: sen tai sen käyttäjätilin rooli, organisaatio tai vastuut eivät salli tätä.
problem-detail-invalid = Pyynnössä on virheitä, jotka on lueteltu kohdassa errors paikkoineen; mitään ei tallennettu.
problem-detail-malformed-json = Runko ei ole kelvollista JSONia: { $value }
problem-detail-malformed-if-match = If-Match-otsakkeen on oltava * tai lainausmerkeissä olevia ETageja pilkuin erotettuina.
api-error-shape = Ei sitä, mitä rajapinnan kuvaus tähän kohtaan määrittää: { $value }
api-error-region = Tätä mittaria ei raportoida tälle alueelle. Sen alueet ovat { $value }.
api-error-date = Anna päivämäärä muodossa VVVV-KK-PP väliltä 1900–2100.
api-error-value = Anna äärellinen luku.
api-error-source = Anna lähde: 1–500 merkkiä, ei pelkkiä välilyöntejä eikä ohjausmerkkejä.
api-error-reason = Anna syy: 1–500 merkkiä, ei pelkkiä välilyöntejä eikä ohjausmerkkejä.
api-error-values = Anna 1–10 000 arvoa.
api-error-repeated = Sama alue ja päivämäärä kuin arvolla kohdassa { $value }.
api-error-version-label = Anna tunnus, jossa on 1–40 kirjainta, numeroa, pistettä, väliviivaa tai alaviivaa (ei { $value }).
api-error-version-unknown = Kopioitavaa strategiaversiota { $value } ei ole.
api-error-version-conflict = Versiota ei voi siirtää tähän vaiheeseen: { $value }
api-error-decision-body = Anna päättäjä suomeksi.
api-error-decision-date = Anna päätöksen päivämäärä muodossa VVVV-KK-PP.
api-error-decision-minutes = Anna viittaus pöytäkirjaan, esim. Kvalt 11.9.2017 § 123.
api-error-decision-lint = Tarkistus löytää virheen, joten anna syy ohittaa se: { $value }
staff-nav-tokens = API-avaimet
staff-tokens-title = API-avaimet
staff-tokens-intro = API-avaimella integraatio voi kirjoittaa rajapinnan kautta käyttäjätilin puolesta. Avaimen rooli (ja organisaatio tai vastuut) rajaa sitä, mitä tili saa tehdä; avain ei koskaan ulotu tiliä pidemmälle. Avaimesta tallennetaan vain tunniste, joten se näytetään vain kerran, luotaessa.
staff-tokens-caption = Kaikki API-avaimet
staff-tokens-none = API-avaimia ei vielä ole.
staff-token-name = Nimi
staff-token-name-hint = Mihin avainta käytetään, esimerkiksi "Tilastokeskuksen tuonti".
staff-token-account = Käyttäjätili
staff-token-account-choose = Valitse käyttäjätili
staff-token-reach = Ulottuvuus
staff-token-reach-organisation = { $organisation } ja sen yksiköt
staff-token-reach-role = mihin rooli ulottuu
staff-token-reach-indicator = mittari { $id }
staff-token-reach-action = toimenpide { $id }
staff-token-indicators = Mittarit (toimenpiteen vastuuhenkilölle)
staff-token-indicators-hint = Niiden mittareiden tunnukset, joiden arvoja avaimella saa kirjata, pilkuin erotettuina. Vain toimenpiteen vastuuhenkilölle.
staff-token-actions = Toimenpiteet (toimenpiteen vastuuhenkilölle)
staff-token-actions-hint = Niiden toimenpiteiden tunnukset, joiden edistymistä avaimella saa raportoida, pilkuin erotettuina. Vain toimenpiteen vastuuhenkilölle.
staff-token-expires = Viimeinen voimassaolopäivä
staff-token-expires-hint = Muodossa VVVV-KK-PP; avain toimii päivän loppuun (UTC). Jätä tyhjäksi, jos avain ei vanhene itsestään.
staff-token-created = Luotu
staff-token-never = ei vanhene
staff-token-state = Tila
staff-token-state-active = voimassa
staff-token-state-expired = vanhentunut
staff-token-state-revoked = peruttu
staff-token-action = Toiminto
staff-token-new = Uusi API-avain
staff-token-create = Luo avain
staff-token-created-title = Kopioi avain nyt
staff-token-created-text = Avain { $name } luotiin. Kopioi se nyt ja säilytä turvallisesti: se näytetään vain tämän kerran.
staff-token-created-use = Lähetä se jokaisen pyynnön mukana:
staff-token-revoke = Peru
staff-token-revoke-reason = Perumisen syy
staff-token-revoked = Avain peruttiin. Se ei enää avaa mitään.
token-error-name = Nimessä on 1–100 merkkiä.
token-error-organisation = Valitse organisaatio toimialan ylläpitäjälle, muille rooleille ei mitään.
token-error-assignments = Anna mittarit tai toimenpiteet toimenpiteen vastuuhenkilölle, muille rooleille ei mitään.
token-error-expiry = Anna tämän päivän jälkeinen päivä muodossa VVVV-KK-PP, viimeistään vuonna 2100, tai jätä kenttä tyhjäksi.
token-error-account = Valitse käyttäjätili luettelosta.
token-error-indicators = Anna mittareiden tunnukset kokonaislukuina pilkuin erotettuina.
token-error-actions = Anna toimenpiteiden tunnukset kokonaislukuina pilkuin erotettuina.
token-error-unknown-indicator = Mittaria tunnuksella { $value } ei ole.
token-error-unknown-action = Toimenpidettä tunnuksella { $value } ei ole.

# Performance targets: status, forms, year steps
target-status-draft = Luonnos
target-status-proposed = Talousarvioehdotuksessa
target-status-approved = Valtuuston hyväksymä
staff-targets-years = Talousarviovuodet
staff-targets-year-heading = Talousarviovuosi { $year }
staff-targets-counts = Luonnoksia { $draft }, talousarvioehdotuksessa { $proposed }, valtuuston hyväksymiä { $approved }.
staff-target-status = Vaihe
staff-target-new-link = Uusi tulostavoite
staff-target-new-title = Uusi tulostavoite
staff-target-edit-title = Tulostavoitteen muokkaus
staff-target-edit-heading = Tulostavoite { $target } ({ $year })
staff-target-assessment-link = Arviointi
staff-target-approved-notice = Valtuusto on hyväksynyt tämän tavoitteen, joten sitä ei voi muokata. Jos tavoitetta on korjattava, strategiayksikkö palauttaa vuoden tavoitteet ehdotukseksi; tavoite poistuu silloin julkiselta sivustolta, kunnes se hyväksytään uudelleen.
staff-target-title-label = Tavoitteen otsikko
staff-target-responsible = Vastuussa oleva organisaatio
staff-target-same-responsible = Sama kuin talousarvion organisaatio
staff-target-choose = Valitse organisaatio
staff-target-goals = Valtuustokauden tavoitteet, joita tulostavoite toteuttaa
staff-target-indicators = Mittarit
staff-target-indicators-hint = Mittarien numerot pilkuin erotettuina, esimerkiksi 3, 7.
staff-target-binding-label = Sitova tavoite
staff-target-year-hint = Talousarviovuosi, esimerkiksi 2019.
staff-yes = Kyllä
staff-no = Ei
staff-error-year = Anna vuosi väliltä 2000–2100.
staff-error-organisation = Valitse organisaatio, joka oli olemassa talousarviovuonna.
staff-error-goals = Valitse vähintään yksi ja enintään 50 valtuustokauden tavoitetta.
staff-error-indicators = Anna olemassa olevien mittarien numerot pilkuin erotettuina (enintään 50).
staff-error-indicators-reach = Voit liittää vain oman organisaatiosi mittareita tai mittareita, joita mikään organisaatio ei vielä seuraa.
staff-error-step = Valitse, mitä vuoden tavoitteille tehdään.
staff-error-step-none = Vuodella ei ole tavoitteita, joihin tämä vaihe sopii.
staff-error-copy-held = Valitse vuosi, jolla ei vielä ole tulostavoitteita.
staff-error-copy-empty = Vuodella ei ole kopioitavia tavoitteita.
staff-targets-steps-heading = Vuoden tavoitteiden vaihe
staff-targets-steps-intro = Luonnokset siirretään talousarvioehdotukseen, ja valtuuston päätöksen jälkeen ehdotetut tavoitteet merkitään hyväksytyiksi. Kirjaa syyksi päätös, esimerkiksi valtuuston kokous ja pykälä.
staff-targets-step = Mitä tavoitteille tehdään
staff-targets-step-propose = Siirrä luonnokset talousarvioehdotukseen ({ $count })
staff-targets-step-withdraw = Palauta ehdotetut tavoitteet luonnoksiksi ({ $count })
staff-targets-step-approve = Merkitse ehdotetut tavoitteet valtuuston hyväksymiksi ({ $count })
staff-targets-step-reopen = Palauta hyväksytyt tavoitteet ehdotukseksi korjattaviksi ({ $count })
staff-targets-step-reason-hint = Esimerkiksi: Kaupunginvaltuusto 10.12.2018 § 123.
staff-targets-step-submit = Tallenna vaihe
staff-targets-copy-heading = Kopioi vuoden tavoitteet
staff-targets-copy-intro = Vuoden { $year } tavoitteet kopioidaan toiselle vuodelle luonnoksiksi ilman arviointeja.
staff-targets-copy-to = Vuosi, jolle kopioidaan
staff-targets-copy-submit = Kopioi tavoitteet
problem-detail-target-approved = Valtuusto on hyväksynyt tavoitteen, eikä sitä voi muokata ennen kuin se palautetaan ehdotukseksi.

# Indicator definitions
staff-definition-title = Mittarin määritelmä
staff-definition-heading = Mittarin { $indicator } määritelmä
staff-definition-back = Takaisin mittareihin
staff-definition-values-link = Mittarin arvot
staff-definition-link = Määritelmä
staff-definition-name = Nimi
staff-definition-definition = Määritelmä
staff-definition-source = Lähde
staff-definition-decimals = Desimaalit
staff-definition-direction = Suunta
staff-definition-band-low = Vaihteluvälin alaraja
staff-definition-band-high = Vaihteluvälin yläraja
staff-definition-band-hint = Vain kun suunta on vaihteluväli.
staff-definition-frequency = Päivitystiheys
staff-definition-licence = Käyttölupa
staff-definition-licence-hint = Esimerkiksi CC BY 4.0. Jätä tyhjäksi, jos julkaisija ei ole ilmoittanut käyttölupaa.
staff-definition-regions = Alueet
staff-definition-regions-hint = Alueiden tunnukset pilkuin erotettuina, koko kaupunki ensin. Alueet:
staff-definition-references = Lähtötaso, tavoite ja välitavoitteet
staff-definition-references-hint = Päivämäärä muodossa VVVV-KK-PP. Muuttumattomat luvut säilyttävät lähteensä; uusille ja muutetuille luvuille kerro, missä ne on todettu.
staff-definition-baseline-date = Lähtötason päivämäärä
staff-definition-baseline = Lähtötaso
staff-definition-target-date = Tavoitteen päivämäärä
staff-definition-target = Tavoitearvo
staff-definition-milestones = Välitavoitteet
staff-definition-milestones-hint = Yksi riville: päivämäärä ja arvo, esimerkiksi 2021-12-31 72,5.
staff-definition-basis = Missä uudet luvut on todettu
staff-definition-basis-hint = Esimerkiksi: Talousarvio 2019, kaupunginvaltuusto 10.12.2018.
staff-error-too-long-short = Teksti on liian pitkä: enintään 500 merkkiä.
staff-error-decimals = Anna desimaalien määrä 0–6.
staff-error-direction = Valitse suunta luettelosta.
staff-error-band = Anna vaihteluvälin ala- ja yläraja numeroina, alaraja enintään yläraja.
staff-error-frequency = Valitse päivitystiheys luettelosta.
staff-error-licence = Anna käyttölupa lyhyesti (enintään 100 merkkiä, ei merkkejä < ja >).
staff-error-regions = Anna vähintään yksi alue luettelon tunnuksin.
staff-error-regions-values = Aluetta, jolla on arvoja, ei voi poistaa mittarilta.
staff-error-reference = Anna sekä päivämäärä (VVVV-KK-PP) että arvo, tai jätä molemmat tyhjiksi.
staff-error-milestones = Kirjoita jokainen välitavoite omalle rivilleen: päivämäärä ja arvo, kukin päivä kerran (enintään 50).
staff-error-basis = Kerro, missä uudet tai muutetut luvut on todettu.
staff-error-ceiling-target = Enimmäisarvon suunta tarvitsee tavoitearvon.
staff-error-control = Tekstissä on ohjausmerkkejä, joita ei voi tallentaa. Poista ne tai kirjoita teksti uudelleen.
staff-upload-link = Lataa arvoja CSV- tai XLSX-tiedostosta
staff-upload-title = Lataa arvoja tiedostosta
staff-upload-intro = Kirjaa monta arvoa kerralla CSV-tiedostosta tai Excel-työkirjasta (.xlsx, ensimmäinen taulukko). Ensimmäinen rivi nimeää sarakkeet indicator, region, date, value ja source missä järjestyksessä tahansa; example-niminen sarake jätetään huomiotta. Tiedosto tarkistetaan kokonaisena: jos jollakin rivillä on ongelma, kaikki ongelmat luetellaan eikä mitään kirjata. Arvo alueelle ja päivälle, jolla on jo arvo, korvaa sen, ja vanha arvo säilyy korjaushistoriassa.
staff-upload-file = Tiedosto
staff-upload-file-hint = CSV (UTF-8 tai sellaisena kuin Excel sen tallentaa; pilkut tai puolipisteet) tai XLSX, enintään 20 Mt. Päivämäärät muodossa VVVV-KK-PP (tai 31.12.2018 puolipisteillä erotetussa tiedostossa tai työkirjassa), luvut ilman tuhaterottimia.
staff-upload-submit = Tarkista ja kirjaa
staff-upload-problems-title = Tiedostossa on { $count } ongelma(a). Mitään ei kirjattu.
staff-upload-problems-intro = Korjaa tiedosto, valitse se uudelleen ja lähetä.
staff-upload-problems-caption = Tiedoston ongelmat
staff-upload-line = Rivi
staff-upload-column = Sarake
staff-upload-problem = Ongelma
staff-upload-whole-row = koko rivi
staff-upload-done = Tiedosto kirjattiin: { $added } arvo(a) lisättiin, { $changed } muuttui, { $unchanged } ennallaan.
staff-upload-error-file = Valitse ladattava CSV- tai XLSX-tiedosto.
staff-upload-error-too-large = Tiedosto on suurempi kuin 20 Mt. Jaa se pienempiin tiedostoihin.
staff-upload-error-form = Lomaketta ei voitu lukea. Valitse tiedosto uudelleen ja lähetä.
values-error-utf16 = tiedosto on UTF-16-muotoinen eikä UTF-8: tallenna se muodossa "CSV UTF-8"
values-error-nul-bytes = tiedostossa on NUL-tavuja (UTF-16 ilman tavujärjestysmerkkiä?): tallenna se muodossa "CSV UTF-8"
values-error-mixed-encodings = tiedostossa on sekaisin eri merkistökoodauksia: rivillä { $line } on UTF-8-kirjaimia, mutta tavu { $byte } tässä ei ole UTF-8:aa; tallenna tiedosto muodossa "CSV UTF-8"
values-error-ambiguous-byte = tiedosto ei ole UTF-8:aa, ja tavu { $byte } tarkoittaa eri kirjainta merkistöissä Windows-1252, ISO 8859-15 ja Mac Roman, joten tiedoston koodausta ei voi päätellä; tallenna se muodossa "CSV UTF-8"
values-error-no-nordic-letters = tiedosto ei ole UTF-8:aa, eikä sen koodausta voi päätellä ilman ä-, ö- tai å-kirjainta (tavu { $byte }); tallenna se muodossa "CSV UTF-8"
values-error-not-a-values-file = tiedosto on { $kind }-tiedosto eikä CSV tai XLSX: tallenna arvot muodossa "CSV UTF-8" tai Excel-työkirjana (.xlsx)
values-error-unreadable-workbook = tiedosto ei ole luettava Excel-työkirja ({ $detail }): tallenna se uudelleen .xlsx-muodossa tai muodossa "CSV UTF-8"
values-error-no-sheet = työkirjassa ei ole yhtään taulukkoa
values-error-empty-file = tiedosto on tyhjä; sen ensimmäisen rivin on nimettävä sarakkeet { $columns }
values-error-no-header = tiedostossa ei ole otsikkoriviä
values-error-header-mixed-separators = otsikkorivillä on sekä puolipisteitä että pilkkuja, joten ei voi tietää, kumpi erottaa sarakkeet
values-error-no-values = tiedostossa on otsikkorivi mutta ei arvoja
values-error-cannot-read = riviä ei voi lukea: { $detail }
values-error-no-column-names = ensimmäisen rivin on nimettävä sarakkeet { $columns } (missä järjestyksessä tahansa), mutta siinä lukee { $found }
values-error-column-twice = sarake on kahdesti (kentät { $first } ja { $second })
values-error-header-field-empty = otsikkorivin kenttä { $field } on tyhjä (rivin lopussa yksi erotin liikaa?)
values-error-unknown-column = tuntematon sarake; sarakkeet ovat { $columns }
values-error-unknown-column-case = tuntematon sarake; sarakkeet ovat { $columns }; sarakkeiden nimet kirjoitetaan pienillä kirjaimilla: { $known }
values-error-column-missing = sarake puuttuu otsikkoriviltä
values-error-field-count = rivillä on { $found } kenttää, mutta otsikkorivillä { $expected }
values-error-field-count-comma = rivillä on { $found } kenttää, mutta otsikkorivillä { $expected }; pilkuilla erotetussa tiedostossa desimaalipilkku on lainattava ("71,5") tai kirjoitettava pisteenä (71.5)
values-error-repeated = mittarin { $indicator } ({ $slug }) arvo alueelle { $region } päivälle { $date } on jo annettu rivillä { $first }
values-error-indicator-empty = on tyhjä: anna mittarin tunniste tai lyhytnimi
values-error-not-an-indicator-id = { $text } ei ole mittarin tunniste (kokonaisluku 1:stä alkaen)
values-error-no-indicator-id = millään mittarilla ei ole tunnistetta { $id }
values-error-no-indicator-slug = millään mittarilla ei ole lyhytnimeä { $text }
values-error-not-permitted = et voi kirjata mittarin { $indicator } arvoja
values-error-region-empty = on tyhjä: anna alueen lyhytnimi
values-error-region-empty-example = on tyhjä: anna alueen lyhytnimi, esimerkiksi { $example }
values-error-region-not-reported = mittaria { $indicator } ({ $slug }) ei raportoida alueelle { $text }; sen alueet ovat { $regions }
values-error-region-unknown = tuntematon alue; mittaria { $indicator } ({ $slug }) ei raportoida alueelle { $text }; sen alueet ovat { $regions }
values-error-no-region-slug = millään alueella ei ole lyhytnimeä { $text }
values-error-source-empty = on tyhjä: kerro, mistä arvo on peräisin, esimerkiksi "Tilastokeskus, työssäkäyntitilasto"
values-error-date-empty = on tyhjä: anna päivämäärä muodossa VVVV-KK-PP, esimerkiksi 2018-12-31
values-error-day-first = { $text } on kirjoitettu päivä edellä, mikä sallitaan vain puolipisteillä erotetussa tiedostossa (kuten suomenkielinen Excel tallentaa): kirjoita VVVV-KK-PP, esimerkiksi 2018-12-31
values-error-not-a-date = { $text } ei ole päivämäärä muodossa VVVV-KK-PP, esimerkiksi 2018-12-31
values-error-not-a-date-day-first = { $text } ei ole päivämäärä muodossa VVVV-KK-PP tai P.K.VVVV, esimerkiksi 2018-12-31 tai 31.12.2018
values-error-not-in-calendar = { $text } ei ole kalenterin päivä
values-error-implausible-year = päivämäärän { $text } vuosi ei ole välillä { $from }–{ $to }; kirjoitusvirhe?
values-error-value-empty = on tyhjä: anna luku, esimerkiksi 71.5 tai 71,5
values-error-scientific = { $text } on kirjoitettu eksponenttimuodossa: kirjoita luku kokonaan
values-error-has-unit = luvussa { $text } on yksikkö tai muuta tekstiä ({ $unit }): kirjoita pelkkä luku
values-error-not-finite = { $text } ei ole äärellinen luku
values-error-not-a-number = { $text } ei ole luku
values-error-thousands-separator = luvussa { $text } on tuhaterotin: kirjoita luku ilman sitä, esimerkiksi 1234567
values-error-needs-digits = luvussa { $text } on oltava numeroita desimaalierottimen molemmin puolin, esimerkiksi 0.5
values-error-point-and-comma = luvussa { $text } on sekä piste että pilkku: kirjoita yksi desimaalierotin eikä tuhaterottimia, esimerkiksi 1234.5
values-error-more-than-one = luvussa { $text } on useampi kuin yksi { $separator }: kirjoita yksi desimaalierotin eikä tuhaterottimia, esimerkiksi 1234567
values-error-too-large = { $text } on liian suuri
values-error-thousand-or-decimal = { $text } voi olla desimaaliluku tai tuhat, koska tiedosto kirjoittaa desimaalit toisella erottimella (rivi { $line }): kirjoita kaikki desimaalit samalla erottimella eikä tuhaterottimia
values-error-thousand-or-decimal-both = { $text } voi olla desimaaliluku tai tuhat, koska tiedostossa on tällaisia lukuja sekä pisteellä että pilkulla: kirjoita kaikki desimaalit samalla erottimella eikä tuhaterottimia

# Strategy versions and the differences between them.
problem-detail-no-version = Strategiasta ei ole julkaistua versiota { $value }.
diff-title = Strategian muutokset
diff-description = Mitä strategiassa muuttui versiosta toiseen, kohta kohdalta ja kieli kieleltä: lisätyt sanat alleviivattuina, poistetut yliviivattuina.
diff-none = Versioissa ei ole eroja.
diff-inserted = lisätty:
diff-deleted = poistettu:
diff-position = kohta
diff-change-added = Lisätty
diff-change-removed = Poistettu
diff-change-changed = Muutettu
diff-change-moved = Siirretty
diff-item-strategy = Strategia
diff-item-value = Arvo
diff-item-headline_goal = Keskeinen tavoite
diff-item-area = Osa-alue
diff-item-goal = Tavoite
diff-item-action = Toimenpide
diff-item-programme = Kehitysohjelma
diff-item-chapter = Luku
diff-item-section = Jakso
diff-item-timeline_event = Valmistelun vaihe
diff-field-title = Otsikko
diff-field-tagline = Iskulause
diff-field-vision = Visio
diff-field-council_goals_intro = Valtuustokauden tavoitteiden johdanto
diff-field-programmes_intro = Kehitysohjelmien johdanto
diff-field-approved_by = Hyväksyjä
diff-field-source = Lähde
diff-field-name = Nimi
diff-field-description = Kuvaus
diff-field-text = Teksti
diff-field-aim = Päämäärä
diff-field-body = Teksti
diff-field-when = Ajankohta

## Strategy versions: the list of approved versions and one version whole
versions-title = Strategian versiot
versions-description = Kaupunginvaltuuston hyväksymät strategian versiot. Voimassa oleva on ensimmäisenä; aiemmat pysyvät luettavina omissa osoitteissaan.
versions-caption = Hyväksytyt versiot, uusin ensin
versions-version = Versio
versions-state = Tila
versions-approved-on = Hyväksytty
versions-minutes = Pöytäkirja
versions-changes = Muutokset
versions-current = Voimassa
versions-earlier = Aiempi versio
versions-none = Strategiasta ei ole vielä hyväksyttyä versiota.
versions-override = Hyväksytty tarkistuksen virheistä huolimatta, perusteluna
versions-diff-to-current = Mitä versiosta { $version } on muuttunut
versions-is-current = Tämä on strategian voimassa oleva versio.
versions-is-earlier = Tämä on strategian aiempi versio, ei enää voimassa.
versions-read-current = Lue voimassa oleva versio { $version }
versions-all = Kaikki strategian versiot

# Toimenpiteiden tilannepäivitykset: julkinen toimenpidesivu ja henkilöstön lomake
action-eyebrow = Toimenpide { $id }
action-description = Toimenpiteen tila, eteneminen ja tilannepäivitykset.
action-goal-label = Tavoite
action-latest-heading = Viimeisin tilanne
action-history-heading = Aiemmat tilannepäivitykset
action-state-label = Tila
action-percent-label = Valmiusaste
action-as-of-label = Tilanne päivänä
action-posted-label = Julkaistu
action-evidence-label = Lisätietoa ja näyttöä
action-no-progress = Toimenpiteen etenemisestä ei ole vielä raportoitu.
action-no-history = Aiempia tilannepäivityksiä ei ole.
action-api-link = Toimenpide avoimessa rajapinnassa (JSON)
problem-detail-no-action = Tunnisteella { $value } ei ole toimenpidettä.
staff-update-heading = Julkaise tilannepäivitys
staff-update-intro = Päivitys näkyy toimenpiteen julkisella sivulla ja tilannekuvassa heti, ja aiemmat päivitykset säilyvät historiassa.
staff-update-narrative = Kuvaus
staff-update-narrative-hint = Mitä on tehty ja mitä seuraavaksi. Suomi on lähdekieli; ruotsin ja englannin voi lisätä nyt tai myöhemmin.
staff-update-evidence = Linkit näyttöön
staff-update-evidence-hint = Enintään kolme linkkiä esimerkiksi päätökseen tai raporttiin. Osoitteen on alettava https://. Otsikko on vapaaehtoinen.
staff-update-evidence-row = Linkki { $number }
staff-update-evidence-title = Otsikko
staff-update-evidence-url = Osoite (https://…)
staff-update-post = Julkaise päivitys
staff-update-posted = Tilannepäivitys julkaistiin.
staff-update-history = Aiemmat tilannepäivitykset
staff-update-none = Toimenpiteestä ei ole vielä julkaistu tilannepäivityksiä.
staff-update-posted-by = Julkaistu { $posted }, { $author }
staff-correct-heading = Korjaa nykyinen tila
staff-correct-intro = Korjaus muuttaa nykyistä tilaa lisäämättä päivitystä historiaan. Käytä sitä virheiden korjaamiseen.
staff-error-evidence-title = Otsikko voi olla enintään 200 merkkiä ilman ohjausmerkkejä.
staff-error-evidence-url = Anna osoite, joka alkaa https:// ja jossa on verkkotunnus, esimerkiksi https://www.espoo.fi/.
staff-error-evidence-count = Anna enintään kolme linkkiä.
staff-error-update-backdated = Päivä on ennen toimenpiteen nykyistä tilannetta. Anna myöhempi päivä tai korjaa nykyinen tila alla.
problem-detail-update-backdated = Päivitys päivältä { $value } on aiempi kuin toimenpiteen nykyinen tilanne; mitään ei tallennettu.

# Sähköpostit ja salasanan vaihtaminen sähköpostilla
staff-nav-mail = Sähköpostit
operation-read-mail-outbox = nähdä palautuneet ja lähettämättä jääneet sähköpostit
staff-sign-in-forgot = Unohditko salasanasi?
staff-forgot-title = Salasanan vaihtaminen
staff-forgot-intro = Kirjoita käyttäjätilisi sähköpostiosoite. Lähetämme siihen linkin, jolla voit asettaa uuden salasanan.
staff-forgot-send = Lähetä linkki
staff-forgot-sent = Jos osoitteella on käyttäjätili, siihen lähetettiin linkki uuden salasanan asettamiseen. Linkki toimii { $minutes } minuuttia ja kerran. Jos viestiä ei kuulu, tarkista roskapostikansio tai pyydä uusi linkki.
staff-reset-back-to-sign-in = Takaisin kirjautumiseen
staff-reset-title = Uusi salasana
staff-reset-intro = Kirjoita uusi salasana kahdesti. Kun se on tallennettu, kaikki käyttäjätilisi kirjautumiset päättyvät ja kirjaudut sisään uudella salasanalla.
staff-reset-new-password = Uusi salasana
staff-reset-password-hint = Vähintään 12 ja enintään 256 merkkiä.
staff-reset-password-again = Uusi salasana uudelleen
staff-reset-save = Tallenna salasana
staff-reset-ask-again = Pyydä uusi linkki
staff-reset-done = Salasana vaihdettiin. Kirjaudu sisään uudella salasanalla.
staff-error-reset-locked = Liian monta yritystä. Yritä uudelleen 15 minuutin kuluttua.
staff-error-reset-link = Linkki ei enää toimi: se on jo käytetty tai vanhentunut. Pyydä uusi linkki.
staff-error-passwords-differ = Salasanat eivät ole samat. Kirjoita sama salasana molempiin kenttiin.
staff-mail-title = Sähköpostit
staff-mail-intro = Tarinan lähettämät sähköpostit. Palautuneet viestit vastaanottava palvelin hylkäsi pysyvästi, eikä niitä yritetä uudelleen; lähettämättä jääneitä yritettiin, kunnes yritykset loppuivat. Tarkista osoite ja ota yhteyttä henkilöön muuta kautta.
staff-mail-counts = Tilanne
staff-mail-problems = Palautuneet ja lähettämättä jääneet
staff-mail-problems-caption = Palautuneet ja lähettämättä jääneet sähköpostit, uusin ensin
staff-mail-recipient = Vastaanottaja
staff-mail-state = Tila
staff-mail-purpose = Aihe
staff-mail-attempts = Yrityksiä
staff-mail-error = Palvelimen vastaus
staff-mail-times = Ajat
staff-mail-queued-at = jonoon { $at }
staff-mail-attempted-at = viimeksi yritetty { $at }
staff-mail-no-problems = Kaikki sähköpostit on lähetetty tai lähtevät pian.
mail-state-queued = jonossa
mail-state-sent = lähetetty
mail-state-failed = lähettämättä
mail-state-bounced = palautunut
mail-purpose-password_reset = salasanan vaihtaminen
mail-purpose-test = testiviesti
mail-reset-subject = Tarina: uuden salasanan asettaminen
mail-reset-body =
    Hei { $name },

    Tarinan henkilöstösivuilla pyydettiin linkkiä uuden salasanan asettamiseen tälle käyttäjätilille. Aseta uusi salasana tästä linkistä:

    { $link }

    Linkki toimii { $minutes } minuuttia ja vain kerran. Kun uusi salasana on tallennettu, käyttäjätilin kaikki kirjautumiset päättyvät.

    Jos et pyytänyt linkkiä, voit jättää tämän viestin huomiotta: salasanasi pysyy ennallaan.

    Tarina

# The approval gate of a budget year's targets.
staff-error-lint-override-blank = Kirjoita peruste, jolla tarkistuksen virheet ohitetaan; pelkät välilyönnit eivät riitä.
staff-error-lint-override-long = Kirjoita peruste ilman ohjausmerkkejä (enintään 500 merkkiä).
staff-error-lint-override-needed = Tarkistus löytää vuoden tulostavoitteista virheitä. Korjaa ne tai kirjoita peruste, jolla hyväksyt tavoitteet virheistä huolimatta.
staff-targets-lint-errors = Tarkistus löytää vuoden tulostavoitteista virheitä ({ $count }):
staff-targets-lint-override = Peruste hyväksyä tarkistuksen virheistä huolimatta
staff-targets-lint-override-hint = Tarvitaan vain, jos tarkistus löytää virheitä. Peruste näytetään tavoitteiden yhteydessä myös julkisella sivulla.
targets-lint-override = Kaupunginvaltuusto hyväksyi tulostavoitteet, vaikka tarkistus löysi niistä virheitä. Peruste:
targets-lint-overridden = Ohitetut virheet ({ $count })
api-error-target-year-lint = Tarkistus löytää vuoden tulostavoitteista virheen, joten anna peruste sen ohittamiseen (lint_override): { $value }
# Reminders by email and the weekly digest
mail-purpose-reminder = muistutus erääntyneestä päivityksestä
mail-purpose-digest = viikkokooste
operation-schedule-updates = asettaa, kuinka usein toimenpiteet ja mittarit päivitetään
operation-remind-owners = nähdä myöhässä olevat päivitykset ja muistuttaa vastuuhenkilöitä
interval-none = ei muistutuksia
interval-monthly = kuukausittain
interval-quarterly = neljännesvuosittain
interval-yearly = vuosittain
reminder-never = ei koskaan
reminder-kind = { $kind ->
    [action] toimenpide
   *[indicator] mittari
}
mail-reminder-subject = Päivitys erääntynyt: { $item }
mail-reminder-body =
    Hei { $name },

    { $manual ->
        [yes] Strategiayksikkö muistuttaa, että
       *[no] Tämä on muistutus siitä, että
    } { $kind ->
        [action] toimenpiteen
       *[indicator] mittarin
    } "{ $item }" päivitys on erääntynyt ({ $interval }). Se erääntyi { $due }{ $late ->
        [yes] {" "}ja on nyt myöhässä
       *[no] {""}
    }; edellinen päivitys: { $last }.

    { $kind ->
        [action] Julkaise tilannepäivitys täällä:
       *[indicator] Kirjaa uusi arvo täällä:
    }

    { $link }

    Tarina
mail-digest-subject = Viikkokooste: { $organisation }, viikko { $from }
mail-digest-body =
    Hei { $name },

    Näin organisaation { $organisation } toimenpiteet ja mittarit etenivät { $from } – { $to }.

    Päivitetty:
    { $changed }

    Myöhässä:
    { $late }

    Tarinan henkilöstösivut: { $link }

    Voit lopettaa tämän koosteen omalla sivullasi (Omat kirjautumiset) Tarinassa.

    Tarina
digest-nothing = - ei mitään
digest-changed-line = { $kind ->
    [action] toimenpide
   *[indicator] mittari
} "{ $item }": { $kind ->
    [action] { $detail } tilannepäivitys(tä)
   *[indicator] { $detail } arvo(a)
}
digest-late-line = { $kind ->
    [action] toimenpide
   *[indicator] mittari
} "{ $item }": erääntyi { $detail }
staff-nav-reminders = Myöhässä
staff-reminders-title = Myöhässä olevat päivitykset
staff-reminders-intro = Toimenpiteet ja mittarit, joille on asetettu päivitysväli ja joiden päivitys on myöhässä: yli { $grace } päivää eräpäivän jälkeen. Vastuuhenkilöt ovat saaneet muistutuksen sähköpostilla päivityksen erääntyessä; voit muistuttaa heitä uudelleen.
staff-reminders-caption = Myöhässä olevat päivitykset, eniten myöhässä ensin
staff-reminders-item = Kohde
staff-reminders-owners = Vastuuhenkilöt
staff-reminders-due = Eräpäivä
staff-reminders-last-update = Edellinen päivitys
staff-reminders-last-reminded = Edellinen muistutus
staff-reminders-remind = Muistuta nyt
staff-reminders-no-owner = Ei vastuuhenkilöä: anna kohde toimenpiteen vastuuhenkilölle hänen käyttäjätilinsä sivulla.
staff-reminders-none = Mikään ei ole myöhässä.
staff-reminders-reminded = Vastuuhenkilöitä muistutettiin; sähköpostit ovat matkalla.
staff-reminders-scheduled = Kaikki kohteet, joilla on päivitysväli
staff-reminders-scheduled-caption = Kohteet, joilla on päivitysväli
staff-reminders-interval = Päivitysväli
staff-reminders-standing = Tila
standing-current = ajan tasalla
standing-due = erääntynyt
standing-late = myöhässä
staff-interval-title = Päivitysväli ja muistutukset
staff-interval-link = Päivitysväli ja muistutukset
staff-interval-intro = Kuinka usein tämä kohde päivitetään. Kun päivitys erääntyy, vastuuhenkilöt saavat muistutuksen sähköpostilla omalla kielellään; { $grace } päivää myöhemmin kohde näkyy myöhässä olevana strategiayksikön listalla.
staff-interval-field = Päivitysväli
staff-interval-owners = Vastuuhenkilöt
staff-interval-owners-hint = Vastuuhenkilöt ovat toimenpiteiden vastuuhenkilöitä, joille kohde on annettu; ylläpitäjä antaa kohteet kunkin käyttäjätilin sivulla.
staff-interval-no-owners = Kohteella ei vielä ole vastuuhenkilöä, joten muistutuksia ei lähetetä.
staff-interval-due = Seuraava päivitys erääntyy { $due }.
staff-error-interval = Valitse päivitysväli luettelosta.
staff-digest-title = Viikkokooste
staff-digest-intro = Organisaation käyttäjätilit saavat joka maanantai koosteen edellisestä viikosta: mitä sen toimenpiteistä ja mittareista päivitettiin ja mikä on myöhässä.
staff-digest-receive = Lähetä minulle viikkokooste
staff-digest-save = Tallenna koosteen asetus
staff-digest-saved = Koosteen asetus tallennettiin.

## Translation review
staff-nav-translations = Käännökset
operation-review-translations = tarkastaa ruotsin- ja englanninkieliset käännökset
staff-translations-title = Käännösten tarkastus
staff-translations-intro = Tekstit, joiden käännös puuttuu tai on tarkastamatta, suomenkielinen lähdeteksti rinnalla. Tarkastettu käännös näkyy julkisella sivulla heti ilman huomautusta.
staff-translations-target-sv = Ruotsi
staff-translations-target-en = Englanti
staff-translations-done = Tallennettu tarkastettuna: { $count }.
staff-translations-problems-title = Mitään ei tallennettu: { $count } ongelmaa
staff-translations-file-title = Käännöstoimisto (XLIFF 2.0)
staff-translations-export = Lataa jono XLIFF-tiedostona
staff-translations-import-file = Käännetty XLIFF-tiedosto
staff-translations-import = Tuo käännökset
staff-translations-queue-title = Tarkastettavat tekstit ({ $count })
staff-translations-missing = käännös puuttuu
staff-translations-unreviewed = tarkastamaton
staff-translations-source = Suomenkielinen lähde
staff-translations-text = Käännös
staff-translations-mark-reviewed = Tallenna tarkastettuna
staff-translations-empty = Kaikki tämän kielen tekstit on käännetty ja tarkastettu.
staff-translations-pages = Sivut
translations-problem-empty = Käännös on tyhjä.
translations-problem-too-long = Käännös on yli 5 000 merkkiä.
translations-problem-control = Käännöksessä on ohjausmerkkejä.
translations-problem-unknown-id = Tunnistetta { $value } ei ole.
translations-problem-duplicate = Teksti { $value } on tiedostossa kahdesti.
translations-problem-source-changed = Suomenkielinen lähdeteksti on muuttunut käännöksen jälkeen.
translations-problem-source-language = Lähdekieli on { $value }, ei fi.
translations-problem-target-language = Kohdekieli (trgLang) on { $value }, ei jonon kieli.
translations-problem-xml = Tiedosto ei ole kelvollista XML:ää: { $value }
translations-problem-encoding = Tiedosto ei ole UTF-8-muodossa.
translations-problem-not-xliff = Tiedosto ei ole XLIFF 2.0 -tiedosto (juurielementti { $value }).
translations-problem-no-id = Käännösyksiköltä puuttuu tunniste.
translations-problem-segments = Käännösyksikössä on useampi kuin yksi segmentti.
translations-problem-markup = Tekstissä on merkintää ({ $value }); vain pelkkä teksti käy.
translations-problem-state = Segmentin tila { $value } ei ole mikään seuraavista: initial, translated, reviewed, final.

## Strategy versions in the staff pages
staff-nav-versions = Strategian versiot
staff-versions-title = Strategian versiot
staff-versions-intro = Strategian kaikki versiot, myös luonnokset ja käsiteltävänä olevat. Uusi versio aloitetaan luonnoksena, joka on kopio toisesta versiosta. Luonnos viedään käsiteltäväksi, ja se hyväksytään kaupungin päätöksellä, jolloin aiemmin hyväksytty versio korvautuu. Vain hyväksytyt ja korvatut versiot ovat julkisia.
staff-versions-caption = Strategian versiot
staff-version-label = Versio
staff-version-status = Tila
staff-version-approved-on = Päätöspäivä
staff-version-body = Päättäjä
staff-version-minutes = Pöytäkirja
staff-version-status-draft = Luonnos
staff-version-status-review = Käsiteltävänä
staff-version-status-approved = Hyväksytty, voimassa
staff-version-status-superseded = Korvattu
staff-version-overridden = hyväksytty tarkistuksen virheistä huolimatta
staff-versions-new-heading = Aloita uusi luonnos
staff-versions-new-intro = Luonnos on kopio kaikesta, mitä valittu versio sisältää.
staff-versions-new-label = Uuden version tunnus
staff-versions-new-label-hint = 1–40 kirjainta, numeroa, pistettä, yhdysviivaa tai alaviivaa, esim. 1.2. Tunnus näkyy version osoitteessa.
staff-versions-new-from = Kopioitava versio
staff-versions-new-submit = Aloita luonnos
staff-version-error-label = Anna tunnus, jossa on 1–40 kirjainta, numeroa, pistettä, yhdysviivaa tai alaviivaa.
staff-version-error-taken = Tällä tunnuksella on jo versio. Valitse toinen tunnus.
staff-version-error-from = Valitse kopioitava versio luettelosta.
staff-version-title = Strategian versio
staff-version-heading = Strategian versio { $label }
staff-version-refused-title = Vaihetta ei voi tehdä
staff-version-error-step = Version tila on nyt ”{ $status }”, eikä se salli tätä vaihetta. Mitään ei muutettu.
staff-version-override = Peruste hyväksyä tarkistuksen virheistä huolimatta
staff-version-override-hint = Tarvitaan vain, jos tarkistus löytää virheitä. Peruste näytetään version yhteydessä myös julkisella sivustolla.
staff-version-diff-link = Muutokset voimassa olevaan versioon { $version } verrattuna
staff-version-diff-title = Versioiden väliset muutokset
staff-version-lint-heading = Version tarkistus
staff-version-lint-errors = Tarkistus löytää versiosta virheitä ({ $count }) kaupungin tulostavoitteisiin ja mittareihin verrattuna:
staff-version-lint-clean = Tarkistus ei löydä versiosta virheitä.
staff-version-submit-heading = Vie käsiteltäväksi
staff-version-submit-intro = Käsiteltävänä olevaa versiota ei enää muuteta. Jos sitä pitää muuttaa, palauta se luonnokseksi.
staff-version-submit = Vie käsiteltäväksi
staff-version-approve-heading = Hyväksy
staff-version-approve-intro = Kirjaa kaupungin päätös. Hyväksytystä versiosta tulee heti julkisen sivuston voimassa oleva versio, ja aiemmin hyväksytty versio korvautuu.
staff-version-approve = Hyväksy versio
staff-version-withdraw-heading = Palauta luonnokseksi
staff-version-withdraw-intro = Versio palaa luonnokseksi, jota voi muuttaa ja jonka voi viedä uudelleen käsiteltäväksi.
staff-version-withdraw = Palauta luonnokseksi
staff-version-body-fi = Päättäjä suomeksi
staff-version-body-sv = Päättäjä ruotsiksi (vapaaehtoinen)
staff-version-body-en = Päättäjä englanniksi (vapaaehtoinen)
staff-version-body-hint = Esim. Kaupunginvaltuusto.
staff-version-date = Päätöspäivä
staff-version-date-hint = VVVV-KK-PP, esim. 2030-01-31.
staff-version-minutes-hint = Esim. Kvalt 11.9.2017 § 123.
staff-version-error-body = Anna päättäjä suomeksi.
staff-version-error-date = Anna päätöspäivä muodossa VVVV-KK-PP.
staff-version-error-minutes = Anna viittaus pöytäkirjaan.
staff-version-error-lint-override-needed = Tarkistus löytää versiosta virheitä. Korjaa ne tai kirjoita peruste, jolla hyväksyt version virheistä huolimatta.
## Editing a draft's texts
drafts-title = Version tekstit
drafts-item-title = Tekstien muokkaus
drafts-heading = Version { $label } tekstit
drafts-status = Tila: { $status }
drafts-intro = Luonnoksen tekstejä voi muokata kohde kerrallaan suomeksi, ruotsiksi ja englanniksi. Kohteiden lisääminen, poistaminen ja järjestäminen ei ole vielä mahdollista.
drafts-read-only-role = Voit lukea tekstejä. Niitä muokkaavat strategian muokkaajat ja ylläpitäjät.
drafts-locked = Vain luonnosta voi muokata. Tämä versio ei ole luonnos: hyväksyttyä versiota ei muuteta, vaan muutokset tehdään uuteen luonnokseen.
drafts-only-draft = Vain luonnosta voi muokata: versio { $value } ei ole enää luonnos, eikä mitään tallennettu.
drafts-kinds-nav = Kohteiden lajit
drafts-column-item = Kohde
drafts-column-text = Suomenkielinen teksti
drafts-column-translations = Käännökset
drafts-translations-done = käännetty ja tarkastettu
drafts-missing = { $lang } puuttuu
drafts-unreviewed = { $lang } tarkastamatta
drafts-not-reviewed = tarkastamatta
drafts-back = Version { $label } tekstit
drafts-item-heading = { $item }, versio { $label }
drafts-reviewed-legend = { $field }: käännökset tarkastettu
drafts-reviewed-sv = Ruotsinkielinen käännös on tarkastettu
drafts-reviewed-en = Englanninkielinen käännös on tarkastettu
drafts-kind-city = Kaupunki
drafts-kind-strategy = Visio ja strategian tekstit
drafts-kind-value = Arvot ja toimintaperiaatteet
drafts-kind-headline = Valtuustokauden keskeiset tavoitteet
drafts-kind-area = Osa-alueet
drafts-kind-goal = Tavoitteet
drafts-kind-action = Toimenpiteet
drafts-kind-programme = Poikkihallinnolliset kehitysohjelmat
drafts-kind-chapter = Tarinan luvut
drafts-kind-section = Tarinan jaksot
drafts-kind-event = Valmistelun vaiheet
drafts-item-city = Kaupunki
drafts-item-strategy = Strategia
drafts-item-value = Arvo
drafts-item-headline = Keskeinen tavoite
drafts-item-area = Osa-alue
drafts-item-goal = Tavoite
drafts-item-action = Toimenpide
drafts-item-programme = Kehitysohjelma
drafts-item-chapter = Luku
drafts-item-section = Jakso
drafts-item-event = Valmistelun vaihe

## Surveys (kyselyt)
surveys-title = Kyselyt
surveys-description = Kaupungin kyselyt, joihin asukkaat voivat vastata, ja niiden tulokset.
surveys-intro = Näihin kyselyihin voi vastata nyt. Vastaat nimettömänä, eikä vastaamiseen tarvita kirjautumista.
surveys-none = Juuri nyt ei ole avoimia kyselyitä.
surveys-closes = Vastausaika päättyy { $date }.
surveys-back = Kaikki kyselyt
survey-results-link = Katso kyselyn tulokset
survey-answer-link = Vastaa kyselyyn
survey-closed = Tämä kysely sulkeutui { $date }, eikä siihen voi enää vastata.
survey-upcoming = Tämä kysely avautuu vastattavaksi { $date }.
survey-page-of = Sivu { $page } / { $pages }
survey-error-summary = Tarkista vastauksesi
survey-error-prefix = Virhe:
survey-optional = vapaaehtoinen
survey-trap-label = Jätä tämä kenttä tyhjäksi
survey-region-none = Ei valintaa
survey-previous = Edellinen sivu
survey-next = Seuraava sivu
survey-send = Lähetä vastaukset
survey-privacy-heading = Tietosuoja
survey-notice-trap = Lomakkeessa oli täytetty kenttä, jota ihmiset eivät näe, joten vastauksia ei tallennettu. Jos vastaat itse, lähetä lomake uudelleen.
survey-notice-too-fast = Lomake lähetettiin niin nopeasti, ettei vastauksia tallennettu. Tarkista vastauksesi ja lähetä ne uudelleen.
survey-notice-expired = Lomake oli vanhentunut, joten vastauksia ei tallennettu. Vastauksesi ovat tallessa alla: tarkista ne ja lähetä uudelleen.
survey-problem-required = Vastaa tähän kysymykseen.
survey-problem-unknown-choice = Valitse jokin annetuista vaihtoehdoista.
survey-problem-one-only = Valitse vain yksi vaihtoehto.
survey-problem-not-a-number = Kirjoita luku, esimerkiksi 12 tai 12,5.
survey-problem-out-of-range = Kirjoita luku väliltä { $min }–{ $max }.
survey-problem-not-a-date = Kirjoita päivämäärä muodossa 31.12.2026.
survey-problem-too-long = Vastaus on liian pitkä: enintään { $max } merkkiä.
survey-problem-control-characters = Vastauksessa on merkkejä, jotka eivät ole tekstiä. Poista ne.
survey-thanks-title = Kiitos vastauksestasi
survey-thanks-saved = Vastauksesi on tallennettu kyselyyn
survey-receipt-heading = Kuittikoodi
survey-receipt-explained = Säilytä koodi. Sen avulla vastauksesi voidaan löytää ja poistaa, jos pyydät sitä. Koodia ei voi yhdistää sinuun ilman, että kerrot sen itse.
survey-results-title = Tulokset
survey-results-responses = { $count ->
    [one] Kyselyyn on vastannut { $count } henkilö.
   *[other] Kyselyyn on vastannut { $count } henkilöä.
}
survey-results-examples = { $count ->
    [one] Vastauksista { $count } on esimerkkivastaus, ei asukkaan.
   *[other] Vastauksista { $count } on esimerkkivastauksia, ei asukkaiden.
}
survey-results-live = Tulokset päivittyvät heti, kun uusi vastaus tallentuu.
survey-results-answered = { $count ->
    [one] { $count } vastaus tähän kysymykseen.
   *[other] { $count } vastausta tähän kysymykseen.
}
survey-results-text-moderated = Vapaamuotoiset vastaukset julkaistaan vasta, kun ne on tarkistettu.
survey-results-col-answer = Vastaus
survey-results-col-count = Lukumäärä
survey-results-col-share = Osuus
survey-results-by-language = Vastaukset kielittäin
survey-results-by-region = Vastaukset alueittain
survey-results-col-language = Kieli
survey-results-col-region = Alue
survey-results-col-responses = Vastaajia
survey-results-col-score = Tyytyväisyys
survey-results-no-region = Alue ei tiedossa
survey-results-api = Tulokset JSON-muodossa
survey-results-csat = Tyytyväisiä (4 tai 5) { $value } % (95 %:n luottamusväli { $low }–{ $high } %, n = { $n })
survey-results-nps = NPS { $value } (95 %:n luottamusväli { $low }–{ $high }, n = { $n })
problem-detail-survey-rate = Tästä osoitteesta on lähetetty liian monta vastausta lyhyessä ajassa. Odota hetki ja yritä uudelleen.
problem-detail-survey-malformed = Lomakkeen tietoja ei voitu lukea. Avaa kysely uudelleen ja vastaa siihen.
problem-detail-no-survey = Osoitteella { $value } ei ole kyselyä, tai sen tulokset eivät ole julkisia.
