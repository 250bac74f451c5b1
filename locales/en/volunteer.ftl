# The volunteer conversation in English. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = How nice that you want to help! I'll ask a few short questions so that I can suggest assignments that suit you. Write "cancel" whenever you want to stop.
volunteer-ask-interests = What would you like to help with? Choose below or write in your own words, for example "homework help and sports".
volunteer-ask-languages = Which languages do you speak? Write them, for example "Swedish and Arabic".
volunteer-ask-when = When are you usually free? Choose below or write, for example "Tuesday evenings".
volunteer-ask-where = Where can you help? Choose a part of the municipality, or write "online" if you would rather help remotely.
volunteer-ask-age = How old are you? You need to be at least 16 to volunteer with us.
volunteer-ask-record-extract = Some assignments with children or older people require you to show an extract from the criminal records register. You order it free of charge from the Police. Would you be willing to show one?
volunteer-ask-consent = Last question: may the coordinators contact you here in the chat about assignments you show interest in? We then keep your answers as a volunteer profile until you ask us to delete it – write "delete my volunteer profile" whenever you like.
volunteer-not-understood = I didn't quite understand that answer.

## Endings
volunteer-too-young = Thank you for wanting to help! You need to be at least 16 to volunteer with the municipality. Ask an association or your school about ways to get involved already now.
volunteer-no-consent = All right, then I won't keep anything. You can find the municipality's volunteer assignments at { $link }.
volunteer-cancelled = All right, let's stop here. Write "I want to help" when you want to start again.
volunteer-deleted = Your volunteer profile and your expressions of interest have been deleted.

## Matches
volunteer-welcome-back = Welcome back! These assignments suit your volunteer profile:
volunteer-matches = Thank you! These assignments suit you:
volunteer-more-matches = More assignments that suit you:
volunteer-match = { $number }. { $title } ({ $organiser }) – suggested because { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = Press "I'm interested" at an assignment and I'll tell the coordinator.
volunteer-no-matches = There is no open assignment that suits your answers right now. Ask again later, or change your answers.
volunteer-no-more = Those were all the assignments that suit you right now.
volunteer-organiser-municipality = the municipality
volunteer-interested = Thank you! I have told the coordinator that you are interested in "{ $need }". You will hear from them here when they have answered.
volunteer-need-gone = That assignment is no longer open. Write "show more" for other assignments.

## Answers from the coordinator
volunteer-accepted = Good news! The coordinator says yes to you for "{ $need }". Contact { $contact } to agree on the rest.
volunteer-declined = Unfortunately the coordinator for "{ $need }" has no place for you this time. Write "I want to help" to see other assignments.

## Buttons
volunteer-choice-anything = Anything
volunteer-topic-homework-help = Homework help
volunteer-topic-language-cafe = Language café
volunteer-topic-elderly = Older people
volunteer-topic-sports = Sports
volunteer-topic-environment = Environment
volunteer-topic-culture = Culture
volunteer-topic-children-and-youth = Children and young people
volunteer-topic-newcomers = Newcomers
volunteer-topic-digital-inclusion = Digital help
volunteer-topic-events = Events
volunteer-when-daytime = Weekdays, daytime
volunteer-when-evenings = Evenings
volunteer-when-weekends = Weekends
volunteer-when-any = Any time
volunteer-where-online = Online
volunteer-where-anywhere = Anywhere
volunteer-age-adult = 18 or older
volunteer-age-16 = 16–17
volunteer-age-under = Under 16
volunteer-yes = Yes
volunteer-no = No
volunteer-choice-interested = I'm interested: { $title }
volunteer-choice-more = Show me other things
volunteer-choice-change = Change my answers
volunteer-choice-delete = Delete my volunteer profile
