# The privacy notice in Polish, shown at /privacy and linked from the chat. Placeables:
# { $municipality }, { $days }, { $email }, { $phone }.

privacy-title = Jak przetwarzamy twoje dane w czacie
privacy-who = { $municipality } jest administratorem danych osobowych w czacie. Asystent cyfrowy pozwala szybko uzyskać odpowiedzi na często zadawane pytania dotyczące usług gminy.
privacy-what = Zapisujemy to, co piszesz w czacie, odpowiedzi asystenta, język, w którym piszesz, oraz czas wysłania wiadomości. Jeśli piszesz przez Telegram, zapisujemy też numer identyfikujący czat, ale nie twoje imię i nazwisko ani numer telefonu.
privacy-why = Używamy tych danych, żeby ci odpowiedzieć, żeby pracownik mógł przejąć rozmowę, jeśli o to poprosisz, oraz żeby ulepszać odpowiedzi. Podstawą prawną jest to, że gmina wykonuje zadanie w interesie publicznym.
privacy-retention = Rozmowy są automatycznie usuwane po { $days } dniach od ostatniej wiadomości. Jeśli zgłosisz się jako wolontariusz, zachowamy twoje odpowiedzi w profilu wolontariusza, dopóki nie poprosisz nas o jego usunięcie.
privacy-sensitive = Nie wpisuj w czacie swojego numeru osobistego (personnummer), informacji o swoim zdrowiu ani innych danych wrażliwych. Jeśli potrzebujesz pomocy we własnej sprawie, zaloguj się do serwisu „Moje strony” (Mina sidor) lub skontaktuj się z nami.
privacy-rights = Masz prawo wiedzieć, jakie dane o tobie mamy, żądać ich sprostowania lub usunięcia oraz złożyć skargę do szwedzkiego Urzędu Ochrony Prywatności (Integritetsskyddsmyndigheten, IMY). Skontaktuj się z nami: { $email } lub { $phone }.
widget-privacy = Jak przetwarzamy twoje dane
