# The volunteer conversation in Polish. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = Jak miło, że chcesz pomóc! Zadam ci kilka krótkich pytań, żeby zaproponować zadania, które do ciebie pasują. Napisz „anuluj”, kiedy zechcesz przerwać.
volunteer-ask-interests = W czym chcesz pomagać? Wybierz poniżej albo napisz własnymi słowami, na przykład „pomoc w lekcjach i sport”.
volunteer-ask-languages = Jakie znasz języki? Napisz je, na przykład „szwedzki i arabski”.
volunteer-ask-when = Kiedy zwykle masz czas? Wybierz poniżej albo napisz, na przykład „wtorki wieczorem”.
volunteer-ask-where = Gdzie możesz pomagać? Wybierz część gminy albo napisz „zdalnie”, jeśli wolisz pomagać przez internet.
volunteer-ask-age = Ile masz lat? Żeby zostać u nas wolontariuszem, musisz mieć skończone 16 lat.
volunteer-ask-record-extract = Niektóre zadania z dziećmi lub osobami starszymi wymagają pokazania zaświadczenia z rejestru karnego (belastningsregistret). Zamawiasz je bezpłatnie na policji (Polisen). Czy możesz pokazać takie zaświadczenie?
volunteer-ask-consent = Ostatnie pytanie: czy koordynatorzy mogą kontaktować się z tobą tutaj, w czacie, w sprawie zadań, którymi się zainteresujesz? Wtedy zachowamy twoje odpowiedzi jako profil wolontariusza, dopóki nie poprosisz nas o jego usunięcie – napisz „usuń mój profil wolontariusza”, kiedy zechcesz.
volunteer-not-understood = Nie do końca rozumiem tę odpowiedź.

## Endings
volunteer-too-young = Dziękujemy, że chcesz pomóc! Żeby zostać wolontariuszem gminy, musisz mieć skończone 16 lat. Zapytaj w jakimś stowarzyszeniu albo w swojej szkole, jak możesz zaangażować się już teraz.
volunteer-no-consent = Dobrze, w takim razie niczego nie zapisuję. Zadania dla wolontariuszy w gminie znajdziesz na { $link }.
volunteer-cancelled = Dobrze, kończymy tutaj. Napisz „chcę pomagać”, kiedy zechcesz zacząć od nowa.
volunteer-deleted = Twój profil wolontariusza i twoje zgłoszenia zainteresowania zostały usunięte.

## Matches
volunteer-welcome-back = Witaj ponownie! Te zadania pasują do twojego profilu wolontariusza:
volunteer-matches = Dziękujemy! Te zadania do ciebie pasują:
volunteer-more-matches = Więcej zadań, które do ciebie pasują:
volunteer-match = { $number }. { $title } ({ $organiser }) – proponujemy, bo { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = Naciśnij „Interesuje mnie” przy zadaniu, a przekażę to koordynatorowi.
volunteer-no-matches = W tej chwili nie ma otwartego zadania, które pasuje do twoich odpowiedzi. Zapytaj ponownie później albo zmień swoje odpowiedzi.
volunteer-no-more = To wszystkie zadania, które teraz do ciebie pasują.
volunteer-organiser-municipality = gmina
volunteer-interested = Dziękujemy! Koordynator wie już, że interesuje cię „{ $need }”. Odpowiedź dostaniesz tutaj, gdy koordynator się odezwie.
volunteer-need-gone = Na to zadanie nie można się już zgłosić. Napisz „pokaż więcej”, aby zobaczyć inne zadania.

## Answers from the coordinator
volunteer-accepted = Dobra wiadomość! Koordynator przyjmuje twoje zgłoszenie do „{ $need }”. Kontakt: { $contact } – tam ustalicie resztę.
volunteer-declined = Niestety koordynator zadania „{ $need }” nie ma tym razem dla ciebie miejsca. Napisz „chcę pomagać”, aby zobaczyć inne zadania.

## Buttons
volunteer-choice-anything = Cokolwiek
volunteer-topic-homework-help = Pomoc w lekcjach
volunteer-topic-language-cafe = Kawiarenka językowa
volunteer-topic-elderly = Osoby starsze
volunteer-topic-sports = Sport
volunteer-topic-environment = Środowisko
volunteer-topic-culture = Kultura
volunteer-topic-children-and-youth = Dzieci i młodzież
volunteer-topic-newcomers = Nowo przybyli
volunteer-topic-digital-inclusion = Pomoc cyfrowa
volunteer-topic-events = Wydarzenia
volunteer-when-daytime = Dni robocze, w ciągu dnia
volunteer-when-evenings = Wieczory
volunteer-when-weekends = Weekendy
volunteer-when-any = Kiedykolwiek
volunteer-where-online = Zdalnie (online)
volunteer-where-anywhere = Gdziekolwiek
volunteer-age-adult = 18 lat lub więcej
volunteer-age-16 = 16–17 lat
volunteer-age-under = Poniżej 16 lat
volunteer-yes = Tak
volunteer-no = Nie
volunteer-choice-interested = Interesuje mnie: { $title }
volunteer-choice-more = Pokaż inne zadania
volunteer-choice-change = Zmień moje odpowiedzi
volunteer-choice-delete = Usuń mój profil wolontariusza
