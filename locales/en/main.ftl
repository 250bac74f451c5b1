# English interface strings. Placeables: { $municipality }, { $phone }, { $hours }, { $language }.

language-name = English

## Replies of the assistant
greeting-reply = Hello! I am { $municipality }'s digital assistant. Ask a question in your own words, for example about waste collection, preschool or building permits.
thanks-reply = You're welcome! Just ask if there is anything else.
goodbye-reply = Goodbye, and welcome back!
help-reply = I answer common questions about the municipality's services – for example school and preschool, waste, water, building permits, care and support – around the clock and in several languages. Write your question in your own words. If you want to talk to a person, write "talk to a person".
human-reply = You can talk to a person at the municipality's contact centre: call { $phone } ({ $hours }) or write to us through the contact form. Your question is saved here so you do not have to start over.
human-reply-closed = The contact centre is closed right now and opens again { $opens }. Write your message here – it waits for us and we answer when we open. You can also call { $phone } then.
human-reply-interpreter = If you need an interpreter, the contact centre can book one for you.
emergency-reply = Is someone in danger right now? Call 112 immediately.
case-status-reply = You can see the status of your own cases when you sign in to My pages with e-ID; signed in, you can also ask me here. The contact centre can help you too: call { $phone } ({ $hours }).
language-menu = Choose a language:
handoff-waiting = Your question is with the contact centre. A member of staff will answer you here as soon as possible.
change-language-reply = I will write in English from now on.
unknown-reply = I'm sorry, I'm not sure I can answer that. Please try other words, or contact the contact centre on { $phone } ({ $hours }).
choices-intro = Did you mean one of these?
followup-none = I am not sure which topic you mean. Could you write the whole question?
untranslated-notice = This answer is not yet available in English. Here it is in { $language }:
interpreter-offer = The contact centre can help you with an interpreter: call { $phone }.
read-more = Read more
talk-to-person = Talk to a person
see-also = See also

## Errors of the HTTP API
error-empty-message = The message is empty. Please write a question.
error-message-too-long = The message is too long. Write at most { $max } characters.
error-invalid-json = The request could not be read: { $detail }
error-payload-too-large = The request is too large.
error-not-found = There is nothing here.
error-conversation-not-found = The conversation does not exist.
error-unsupported-language = The language is not supported.
error-internal = Something went wrong on our side. Please try again in a moment.
error-too-many-requests = Too many messages in a short time. Please wait { $seconds } seconds and try again.
error-timeout = The answer took too long. Please try again in a moment.
rate-limited-reply = You are sending messages faster than I can answer. Please wait a minute and then write again.
