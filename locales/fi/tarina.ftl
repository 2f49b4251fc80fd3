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
