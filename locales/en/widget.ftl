# English: strings of the web chat widget (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = Chat with us
widget-close = Close the chat
widget-title = Digital assistant
widget-intro = You are chatting with a digital assistant, not with a person. Answers can be wrong, so check important details. Do not write your personal identity number or other sensitive information.
widget-log-label = Conversation
widget-input-label = Your question
widget-placeholder = Type your question here
widget-send = Send
widget-typing = The assistant is typing …
widget-talk-to-person = Talk to a person
widget-choices = Choose an option
widget-feedback-question = Was the answer helpful?
widget-thumbs-up = Yes, the answer helped
widget-thumbs-down = No, the answer did not help
widget-feedback-thanks = Thank you for your feedback!
widget-language-menu = Language
widget-new-conversation = New conversation
widget-offline = You are not connected to the internet. Your messages will be sent when the connection is back.
widget-reconnecting = Reconnecting …
widget-server-down = The chat is not working right now. Try again in a while or call the contact centre on { $phone }.
widget-pending = Waiting to be sent
widget-error = The message could not be sent.
widget-retry = Try again
widget-new-tab = opens in a new tab
widget-you = You
widget-assistant = Assistant
