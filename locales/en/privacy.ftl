# The privacy notice in English, shown at /privacy and linked from the chat. Placeables:
# { $municipality }, { $days }, { $email }, { $phone }.

privacy-title = How we handle your data in the chat
privacy-who = { $municipality } is the data controller for the chat. The digital assistant is there so that you quickly get answers to common questions about the municipality's services.
privacy-what = We store what you write in the chat, the assistant's answers, the language you write in and when the messages were sent. If you write via Telegram we also store a number that identifies the chat, but not your name or phone number.
privacy-why = We use the data to answer you, so that a member of staff can take over the conversation if you ask for it, and to improve the answers. The legal basis is that the municipality performs a task in the public interest.
privacy-retention = Conversations are deleted automatically { $days } days after the last message. If you sign up as a volunteer, we keep your answers in a volunteer profile until you ask us to delete it.
privacy-sensitive = Do not write your personal identity number, information about your health or other sensitive data in the chat. If you need help with a case of your own, sign in to My pages or contact us.
privacy-rights = You have the right to know what data we hold about you, to have it corrected or deleted, and to complain to the Swedish Authority for Privacy Protection (IMY). Contact us at { $email } or { $phone }.
widget-privacy = How we handle your data
