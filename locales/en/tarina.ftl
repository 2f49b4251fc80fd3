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
