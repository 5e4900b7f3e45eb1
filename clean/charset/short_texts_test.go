package charset

// shortTexts are two paragraphs in each language of a letter profile
// (TestShortWindows), on a school and on inflation, written for these tests.
var shortTexts = map[string][2]string{
	"ar": {
		"قرر المجلس البلدي يوم الخميس تجديد المدرسة الابتدائية في الحي، المغلقة منذ الصيف الماضي. ومن المتوقع أن يعود التلاميذ، الذين يدرسون حاليا في فصول مؤقتة، بعد العطلة. وقالت رئيسة البلدية إن هذا المشروع هو أولويتنا الأولى، مشيرة إلى أن التكلفة تقارب مليوني يورو، وأن الأعمال ستشمل العزل والتدفئة وقاعة طعام أكبر للأطفال.",
		"أعلن معهد الإحصاء أن التضخم تراجع في شهر أكتوبر للشهر الثالث على التوالي. وانخفضت أسعار الطاقة، بينما لا تزال أسعار الغذاء أعلى مما كانت عليه قبل عام. ويتوقع الاقتصاديون أن يبقي البنك المركزي على أسعار الفائدة حتى الربيع، لكنهم لا يستبعدون خفضها إذا تباطأ النمو أكثر. وقد أعلنت الحكومة بالفعل عن إجراءات جديدة لدعم الأسر.",
	},
	"he": {
		"מועצת העיר החליטה ביום חמישי לשפץ את בית הספר היסודי בשכונה, שסגור מאז הקיץ שעבר. התלמידים, שלומדים כעת בכיתות זמניות, צפויים לחזור אחרי החופשה. \"זו העדיפות הראשונה שלנו\", אמרה ראש העיר, והעריכה שהעלות תגיע לכמעט שני מיליון אירו. העבודות יכללו בידוד, חימום וחדר אוכל גדול יותר לילדים.",
		"לפי נתוני הלשכה המרכזית לסטטיסטיקה, האינפלציה ירדה באוקטובר זה החודש השלישי ברציפות. מחירי האנרגיה ירדו, ואילו המזון עדיין יקר יותר מאשר לפני שנה. כלכלנים מעריכים שהבנק המרכזי ישאיר את הריבית ללא שינוי עד האביב, אך אינם שוללים הורדה אם הצמיחה תאט עוד יותר. הממשלה כבר הודיעה על צעדים חדשים לסיוע למשפחות.",
	},
	"bg": {
		"Общинският съвет реши в четвъртък да ремонтира основното училище в квартала, което е затворено от миналото лято. Учениците, които сега учат във временни помещения, трябва да се върнат след ваканцията. „Това е нашата основна задача“, заяви кметицата. Разходите се оценяват на почти четири милиона лева и ще отидат за изолация, отопление и по-голяма столова. Родителите ще могат да дадат предложения.",
		"",
	},
	"ca": {
		"L'ajuntament va aprovar dijous la reforma de l'escola primària del barri, tancada des de l'estiu passat. Els alumnes, que fan classe en mòduls prefabricats, tornaran a l'edifici després de les vacances. «És la nostra prioritat», va dir l'alcaldessa, que calcula un cost de gairebé dos milions d'euros. L'obra inclourà calefacció, aïllament i un menjador més gran per als nens petits i les famílies.",
		"Segons l'institut d'estadística, la inflació va baixar a l'octubre per tercer mes consecutiu. Els preus de l'energia han caigut, mentre que els dels aliments continuen més alts que fa un any. Els economistes esperen que el banc central mantingui els tipus fins a la primavera, però no descarten una retallada si el creixement s'alenteix encara més. El govern ja ha anunciat noves ajudes per a les famílies.",
	},
	"cs": {
		"Městské zastupitelstvo ve čtvrtek rozhodlo o rekonstrukci základní školy v části města, která je zavřená od loňského léta. Žáci, kteří se nyní učí v náhradních prostorách, by se měli vrátit po prázdninách. „Je to pro nás nejvyšší priorita,“ řekla starostka. Náklady se odhadují na téměř padesát milionů korun a půjdou na zateplení, vytápění a větší jídelnu. Rodiče se mohou vyjádřit k podobě hřiště.",
		"Podle statistického úřadu inflace v říjnu klesla již třetí měsíc po sobě. Ceny energií se snížily, potraviny jsou však stále dražší než před rokem. Ekonomové očekávají, že centrální banka ponechá úrokové sazby beze změny až do jara, nevylučují ale snížení, pokud se růst ještě více zpomalí. Vláda už oznámila nová opatření na podporu rodin.",
	},
	"da": {
		"Byrådet besluttede torsdag at renovere kvarterets folkeskole, som har været lukket siden sidste sommer. Eleverne, der i øjeblikket undervises i pavilloner, skal tilbage efter ferien. »Det har højeste prioritet for os«, sagde borgmesteren. Udgifterne anslås til næsten femten millioner kroner, og pengene går til isolering, varme og et større køkken. Forældrene får også mulighed for at påvirke skolegårdens indretning.",
		"Ifølge Danmarks Statistik faldt inflationen i oktober for tredje måned i træk. Energipriserne er gået ned, mens fødevarer stadig er dyrere end for et år siden. Økonomerne venter, at centralbanken holder renten uændret til foråret, men udelukker ikke en nedsættelse, hvis væksten bremser yderligere op. Regeringen har allerede varslet nye tiltag for familierne.",
	},
	"de": {
		"Der Stadtrat hat am Donnerstag beschlossen, die Grundschule im Viertel zu sanieren, die seit dem vergangenen Sommer geschlossen ist. Die Schülerinnen und Schüler, die derzeit in Containern unterrichtet werden, sollen nach den Ferien zurückkehren. „Das hat für uns höchste Priorität“, sagte die Bürgermeisterin. Die Kosten werden auf fast zwei Millionen Euro geschätzt; dazu gehören Wärmedämmung, Heizung und eine größere Küche.",
		"Nach Angaben des Statistikamts ist die Inflation im Oktober den dritten Monat in Folge gesunken. Die Energiepreise gingen zurück, während Lebensmittel weiterhin teurer sind als vor einem Jahr. Ökonomen erwarten, dass die Zentralbank die Zinsen bis zum Frühjahr unverändert lässt, schließen eine Senkung aber nicht aus, falls sich das Wachstum weiter abschwächt. Die Regierung hat bereits neue Hilfen angekündigt.",
	},
	"el": {
		"Το δημοτικό συμβούλιο αποφάσισε την Πέμπτη να ανακαινίσει το δημοτικό σχολείο της γειτονιάς, που είναι κλειστό από το περασμένο καλοκαίρι. Οι μαθητές, που σήμερα κάνουν μάθημα σε προσωρινές αίθουσες, θα επιστρέψουν μετά τις διακοπές. «Είναι η πρώτη μας προτεραιότητα», δήλωσε η δήμαρχος. Το κόστος εκτιμάται σε σχεδόν δύο εκατομμύρια ευρώ.",
		"",
	},
	"es": {
		"El ayuntamiento aprobó el jueves la reforma de la escuela primaria del barrio, cerrada desde el verano pasado. Los alumnos, que reciben clases en aulas prefabricadas, volverán a sus edificios después de las vacaciones. «Es nuestra prioridad», afirmó la alcaldesa, que calcula un coste cercano a los dos millones de euros. La obra incluirá calefacción, aislamiento y un comedor más grande para los niños pequeños.",
		"Según el instituto de estadística, la inflación bajó en octubre por tercer mes consecutivo. Los precios de la energía cayeron, mientras que los de los alimentos siguen más altos que hace un año. Los economistas esperan que el banco central mantenga los tipos hasta la primavera, aunque no descartan un recorte si el crecimiento se frena todavía más. El gobierno ya ha anunciado nuevas ayudas para las familias.",
	},
	"et": {
		"Linnavolikogu otsustas neljapäeval renoveerida linnaosa algkooli, mis on olnud suletud eelmisest suvest saadik. Õpilased, kes praegu õpivad ajutistes ruumides, peaksid pärast vaheaega tagasi pöörduma. „See on meie esimene eesmärk,“ ütles linnapea. Kulud on hinnanguliselt ligi kaks miljonit eurot ning need lähevad soojustusele, küttele ja suuremale köögile. Žürii valib ka uue õueala kujunduse.",
		"Statistikaameti andmetel aeglustus inflatsioon oktoobris kolmandat kuud järjest. Energia hinnad langesid, kuid toit on endiselt kallim kui aasta tagasi. Majandusteadlased ootavad, et keskpank hoiab intressimäärad kevadeni muutmata, kuid ei välista langetamist, kui kasv veelgi aeglustub. Valitsus on juba teatanud uutest toetustest peredele.",
	},
	"fi": {
		"Kaupunginvaltuusto päätti torstaina peruskorjata kaupunginosan alakoulun, joka on ollut suljettuna viime kesästä lähtien. Oppilaat, jotka opiskelevat tällä hetkellä väistötiloissa, pääsevät palaamaan loman jälkeen. – Tämä on meille tärkein asia, sanoi valtuuston puheenjohtaja. Kustannusten arvioidaan olevan lähes kaksi miljoonaa euroa, ja ne käytetään eristykseen, lämmitykseen ja suurempaan keittiöön. Šekkiasia käsitellään myöhemmin.",
		"Tilastokeskuksen mukaan inflaatio hidastui lokakuussa kolmatta kuukautta peräkkäin. Energian hinnat laskivat, mutta ruoka on yhä kalliimpaa kuin vuosi sitten. Ekonomistit odottavat keskuspankin pitävän korot ennallaan kevääseen asti, mutta eivät sulje pois laskua, jos kasvu hidastuu edelleen. Hallitus on jo ilmoittanut uusista tukitoimista perheille.",
	},
	"fr": {
		"Le conseil municipal a décidé jeudi soir de rénover l'école élémentaire du quartier, fermée depuis l'été dernier. Les élèves, qui suivent leurs cours dans des préfabriqués, devraient retrouver leurs salles à la rentrée. « C'est une priorité », a déclaré la maire, qui évoque un coût de près de deux millions d'euros. Les travaux comprendront l'isolation, le chauffage et la création d'un réfectoire. Un cœur de village rénové, c'est aussi une œuvre collective.",
		"Selon l'institut de statistique, l'inflation a reculé en octobre pour le troisième mois consécutif. Les prix de l'énergie ont baissé, tandis que ceux de l'alimentation restent plus élevés qu'il y a un an. Les économistes s'attendent à ce que la banque centrale maintienne ses taux jusqu'au printemps, sans exclure une baisse si la croissance ralentit encore. Le gouvernement a déjà annoncé de nouvelles aides.",
	},
	"hr": {
		"Gradsko vijeće u četvrtak je odlučilo obnoviti osnovnu školu u kvartu, koja je zatvorena od prošlog ljeta. Učenici, koji sada nastavu pohađaju u privremenim prostorijama, trebali bi se vratiti nakon praznika. „To nam je najvažniji zadatak”, rekla je gradonačelnica. Troškovi se procjenjuju na gotovo dva milijuna eura, a novac će ići na izolaciju, grijanje i veću kuhinju. Roditelji će moći dati svoje prijedloge.",
		"Prema podacima zavoda za statistiku, inflacija je u listopadu pala treći mjesec zaredom. Cijene energije su se smanjile, dok je hrana i dalje skuplja nego prije godinu dana. Ekonomisti očekuju da će središnja banka zadržati kamatne stope do proljeća, ali ne isključuju smanjenje ako se rast dodatno uspori. Vlada je već najavila nove mjere potpore obiteljima.",
	},
	"hu": {
		"A városi közgyűlés csütörtökön döntött a kerületi általános iskola felújításáról, amely tavaly nyár óta zárva van. A diákok, akik most ideiglenes épületben tanulnak, a szünet után térhetnek vissza. „Ez számunkra a legfontosabb feladat” – mondta a polgármester. A költségeket csaknem nyolcszázmillió forintra becsülik, amelyből szigetelés, fűtés és nagyobb ebédlő készül. A szülők véleményét is kikérik.",
		"A statisztikai hivatal szerint az infláció októberben a harmadik hónapja csökkent. Az energiaárak mérséklődtek, az élelmiszerek viszont még mindig drágábbak, mint egy évvel ezelőtt. A közgazdászok arra számítanak, hogy a jegybank tavaszig nem változtat a kamatokon, de nem zárják ki a csökkentést, ha a növekedés tovább lassul. A kormány már új támogatásokat jelentett be.",
	},
	"is": {
		"Borgarstjórn ákvað á fimmtudag að endurnýja grunnskóla hverfisins, sem hefur verið lokaður frá því síðasta sumar. Nemendurnir, sem nú fá kennslu í bráðabirgðahúsnæði, eiga að snúa aftur eftir fríið. „Þetta er okkar fyrsta forgangsmál,“ sagði borgarstjórinn. Kostnaðurinn er áætlaður tæpar þrjú hundruð milljónir króna og fer í einangrun, hitun og stærra eldhús. Foreldrar fá að segja sína skoðun.",
		"Samkvæmt Hagstofunni lækkaði verðbólgan í október þriðja mánuðinn í röð. Orkuverð hefur lækkað en matvörur eru enn dýrari en fyrir ári. Hagfræðingar búast við að seðlabankinn haldi vöxtum óbreyttum fram á vor, en útiloka ekki lækkun ef hagvöxtur hægist enn frekar. Ríkisstjórnin hefur þegar kynnt nýjar aðgerðir fyrir fjölskyldur.",
	},
	"it": {
		"Il consiglio comunale ha approvato giovedì la ristrutturazione della scuola elementare del quartiere, chiusa dall'estate scorsa. Gli alunni, che seguono le lezioni in aule prefabbricate, potranno tornare dopo le vacanze. «È la nostra priorità», ha detto la sindaca, che prevede una spesa di quasi due milioni di euro. I lavori riguarderanno il riscaldamento, l'isolamento e una mensa più grande; la città sarà così più vivibile.",
		"Secondo l'istituto di statistica, l'inflazione è scesa in ottobre per il terzo mese consecutivo. I prezzi dell'energia sono calati, mentre quelli dei prodotti alimentari restano più alti di un anno fa. Gli economisti si aspettano che la banca centrale mantenga invariati i tassi fino alla primavera, ma non escludono un taglio se la crescita dovesse rallentare ancora. Il governo ha già annunciato nuove misure per le famiglie.",
	},
	"lt": {
		"Miesto taryba ketvirtadienį nusprendė renovuoti rajono pradinę mokyklą, kuri uždaryta nuo praėjusios vasaros. Mokiniai, kurie dabar mokosi laikinose patalpose, turėtų sugrįžti po atostogų. „Tai mums svarbiausias uždavinys“, – sakė merė. Išlaidos siekia beveik du milijonus eurų, pinigai bus skirti šiltinimui, šildymui ir didesnei valgyklai. Tėvai galės pateikti savo pasiūlymų dėl žaidimų aikštelės.",
		"Statistikos departamento duomenimis, infliacija spalį mažėjo trečią mėnesį iš eilės. Energijos kainos sumažėjo, o maistas vis dar brangesnis nei prieš metus. Ekonomistai tikisi, kad centrinis bankas palūkanų normų nekeis iki pavasario, tačiau neatmeta jų mažinimo, jei augimas dar labiau sulėtės. Vyriausybė jau paskelbė naujas paramos šeimoms priemones.",
	},
	"lv": {
		"Pilsētas dome ceturtdien nolēma atjaunot apkaimes pamatskolu, kas ir slēgta kopš pagājušās vasaras. Skolēni, kuri pašlaik mācās pagaidu telpās, varētu atgriezties pēc brīvlaika. „Tas mums ir pats svarīgākais uzdevums,” sacīja mērs. Izmaksas tiek lēstas gandrīz divu miljonu eiro apmērā, un nauda tiks novirzīta siltināšanai, apkurei un lielākai ēdnīcai. Vecāki varēs izteikt savus priekšlikumus.",
		"Saskaņā ar statistikas pārvaldes datiem inflācija oktobrī samazinājās jau trešo mēnesi pēc kārtas. Enerģijas cenas ir kritušās, bet pārtika joprojām ir dārgāka nekā pirms gada. Ekonomisti sagaida, ka centrālā banka procentu likmes līdz pavasarim nemainīs, taču neizslēdz to samazināšanu, ja izaugsme vēl palēnināsies. Valdība jau ir paziņojusi par jauniem atbalsta pasākumiem ģimenēm.",
	},
	"nl": {
		"De gemeenteraad heeft donderdag besloten de basisschool in de wijk te renoveren, die sinds vorige zomer gesloten is. De leerlingen, die nu les krijgen in noodlokalen, keren na de vakantie terug. ‘Dit heeft voor ons de hoogste prioriteit’, zei de burgemeester. De kosten worden geschat op bijna twee miljoen euro; het geld gaat naar isolatie, verwarming en een grotere kantine. Een ideeën­avond voor ouders volgt later.",
		"Volgens het statistiekbureau is de inflatie in oktober voor de derde maand op rij gedaald. De energieprijzen zijn gezakt, terwijl voedsel nog altijd duurder is dan een jaar geleden. Economen verwachten dat de centrale bank de rente tot het voorjaar ongewijzigd laat, maar sluiten een verlaging niet uit als de groei verder vertraagt. Het kabinet heeft al nieuwe maatregelen voor gezinnen aangekondigd, zei de minister tegen de pers op ’s avonds.",
	},
	"no": {
		"Bystyret vedtok torsdag å pusse opp barneskolen i bydelen, som har vært stengt siden i fjor sommer. Elevene, som nå får undervisning i brakker, skal etter planen tilbake etter ferien. – Dette har høyeste prioritet for oss, sa ordføreren. Kostnadene er anslått til nesten tjue millioner kroner og gjelder isolasjon, oppvarming og et større kjøkken. Foreldrene blir invitert til et møte i løpet av høsten.",
		"Ifølge Statistisk sentralbyrå falt prisveksten i oktober for tredje måned på rad. Strømprisene har gått ned, mens matvarer fortsatt er dyrere enn for et år siden. Økonomene venter at sentralbanken holder renten uendret fram til våren, men utelukker ikke et kutt dersom veksten bremser ytterligere. Regjeringen har allerede varslet nye tiltak for familiene.",
	},
	"pl": {
		"Rada miasta zdecydowała w czwartek o remoncie szkoły podstawowej w dzielnicy, zamkniętej od zeszłego lata. Uczniowie, którzy obecnie uczą się w pomieszczeniach zastępczych, mają wrócić po wakacjach. „To dla nas najważniejsza sprawa”, powiedziała burmistrz. Koszt szacuje się na prawie dziesięć milionów złotych; pieniądze pójdą na ocieplenie, ogrzewanie i większą stołówkę. Rodzice będą mogli zgłaszać swoje uwagi.",
		"Według urzędu statystycznego inflacja w październiku spadła trzeci miesiąc z rzędu. Ceny energii obniżyły się, natomiast żywność wciąż jest droższa niż przed rokiem. Ekonomiści oczekują, że bank centralny utrzyma stopy procentowe do wiosny, ale nie wykluczają obniżki, jeśli wzrost gospodarczy jeszcze bardziej zwolni. Rząd zapowiedział już nowe formy wsparcia dla rodzin.",
	},
	"pt": {
		"A câmara municipal aprovou na quinta-feira a renovação da escola primária do bairro, encerrada desde o verão passado. Os alunos, que têm aulas em salas provisórias, deverão regressar depois das férias. «É a nossa prioridade», afirmou a presidente, que estima um custo próximo de dois milhões de euros. As obras incluirão aquecimento, isolamento e uma cantina maior, além de um pátio coberto para os dias de chuva.",
		"Segundo o instituto de estatística, a inflação desceu em outubro pelo terceiro mês consecutivo. Os preços da energia caíram, enquanto os dos alimentos continuam mais altos do que há um ano. Os economistas esperam que o banco central mantenha as taxas até à primavera, mas não excluem um corte se o crescimento abrandar ainda mais. O governo já anunciou novas medidas de apoio às famílias.",
	},
	"ro": {
		"Consiliul local a hotărât joi renovarea școlii generale din cartier, închisă de vara trecută. Elevii, care învață acum în spații provizorii, ar urma să se întoarcă după vacanță. „Este prioritatea noastră”, a declarat primărița. Costurile sunt estimate la aproape două milioane de euro și vor acoperi izolația, încălzirea și o cantină mai mare. Părinții vor putea face propuneri pentru curtea școlii.",
		"Potrivit institutului de statistică, inflația a scăzut în octombrie pentru a treia lună consecutiv. Prețurile la energie s-au redus, în timp ce alimentele rămân mai scumpe decât acum un an. Economiștii se așteaptă ca banca centrală să mențină dobânzile până în primăvară, dar nu exclud o reducere dacă economia încetinește în continuare. Guvernul a anunțat deja noi măsuri de sprijin.",
	},
	"ru": {
		"Городской совет в четверг принял решение отремонтировать начальную школу в районе, закрытую с прошлого лета. Ученики, которые сейчас занимаются во временных помещениях, должны вернуться после каникул. «Это наша главная задача», — заявила глава города. Расходы оцениваются почти в двести миллионов рублей; деньги пойдут на утепление, отопление и новую столовую. Родители смогут высказать свои предложения.",
		"",
	},
	"sk": {
		"Mestské zastupiteľstvo vo štvrtok rozhodlo o rekonštrukcii základnej školy v mestskej časti, ktorá je zatvorená od minulého leta. Žiaci, ktorí sa teraz učia v náhradných priestoroch, by sa mali vrátiť po prázdninách. „Je to pre nás najvyššia priorita,“ povedala starostka. Náklady sa odhadujú na takmer dva milióny eur a pôjdu na zateplenie, vykurovanie a väčšiu jedáleň. Rodičia sa môžu vyjadriť k ihrisku.",
		"Podľa štatistického úradu inflácia v októbri klesla už tretí mesiac po sebe. Ceny energií sa znížili, potraviny sú však stále drahšie ako pred rokom. Ekonómovia očakávajú, že centrálna banka ponechá úrokové sadzby bez zmeny až do jari, nevylučujú však zníženie, ak sa rast ešte viac spomalí. Vláda už oznámila nové opatrenia na podporu rodín.",
	},
	"sl": {
		"Mestni svet je v četrtek sklenil obnoviti osnovno šolo v četrti, ki je zaprta od lanskega poletja. Učenci, ki se zdaj učijo v začasnih prostorih, naj bi se vrnili po počitnicah. „To je naša prva naloga,“ je dejala županja. Stroški so ocenjeni na skoraj dva milijona evrov, denar pa bo šel za izolacijo, ogrevanje in večjo kuhinjo. Starši bodo lahko podali svoje predloge za igrišče.",
		"Po podatkih statističnega urada se je inflacija oktobra znižala že tretji mesec zapored. Cene energije so se znižale, hrana pa je še vedno dražja kot pred letom dni. Ekonomisti pričakujejo, da bo centralna banka obrestne mere ohranila do pomladi, vendar ne izključujejo znižanja, če se bo rast še upočasnila. Vlada je že napovedala nove ukrepe za družine.",
	},
	"sv": {
		"Kommunfullmäktige beslutade på torsdagen att renovera områdets grundskola, som har varit stängd sedan i somras. Eleverna, som just nu undervisas i paviljonger, ska kunna återvända efter lovet. – Det här är vår högsta prioritet, sade kommunstyrelsens ordförande. Kostnaden beräknas till nästan tjugo miljoner kronor och omfattar isolering, värme och ett större kök. Föräldrarna bjuds in till ett möte i höst.",
		"Enligt statistikmyndigheten sjönk inflationen i oktober för tredje månaden i rad. Energipriserna har gått ner, medan livsmedel fortfarande är dyrare än för ett år sedan. Ekonomerna räknar med att centralbanken lämnar räntan oförändrad fram till våren, men utesluter inte en sänkning om tillväxten bromsar in ytterligare. Regeringen har redan aviserat nya stöd till hushållen.",
	},
	"tr": {
		"Belediye meclisi perşembe günü mahalledeki ilkokulun yenilenmesine karar verdi; okul geçen yazdan beri kapalı. Şu anda geçici sınıflarda ders gören öğrencilerin tatilden sonra dönmesi bekleniyor. “Bu bizim için en önemli görev,” dedi belediye başkanı. Maliyetin yaklaşık altmış milyon lira olacağı tahmin ediliyor; para yalıtım, ısıtma ve daha büyük bir yemekhane için kullanılacak.",
		"İstatistik kurumuna göre enflasyon ekimde üst üste üçüncü ay geriledi. Enerji fiyatları düşerken gıda fiyatları bir yıl öncesine göre hâlâ daha yüksek. Ekonomistler merkez bankasının faizleri bahara kadar sabit tutmasını bekliyor, ancak büyüme daha da yavaşlarsa bir indirimi dışlamıyor. Hükümet aileler için yeni destek paketlerini şimdiden açıkladı.",
	},
	"uk": {
		"Міська рада в четвер ухвалила рішення відремонтувати початкову школу в районі, яка зачинена з минулого літа. Учні, які зараз навчаються в тимчасових приміщеннях, мають повернутися після канікул. «Це наше головне завдання», — заявила міська голова. Витрати оцінюють майже в сто мільйонів гривень; гроші підуть на утеплення, опалення та їдальню. Батьки зможуть подати свої пропозиції щодо ґанку.",
		"",
	},
}

// shortCharsets are the single-byte charsets each language is written in.
var shortCharsets = map[string][]string{
	"ar": {"windows-1256"},
	"he": {"windows-1255", "iso-8859-8"},
	"bg": {"windows-1251", "iso-8859-5", "x-mac-cyrillic"},
	"ca": {"windows-1252", "iso-8859-15"},
	"cs": {"windows-1250", "iso-8859-2"},
	"da": {"windows-1252", "iso-8859-15", "iso-8859-4", "windows-1257"},
	"de": {"windows-1252", "iso-8859-15", "iso-8859-2", "windows-1250"},
	"el": {"windows-1253", "iso-8859-7"},
	"es": {"windows-1252", "iso-8859-15"},
	"et": {"iso-8859-15", "windows-1257", "iso-8859-13", "iso-8859-4"},
	"fi": {"windows-1252", "iso-8859-15", "iso-8859-4", "iso-8859-13", "windows-1257"},
	"fr": {"windows-1252", "iso-8859-15"},
	"hr": {"windows-1250", "iso-8859-2", "iso-8859-16"},
	"hu": {"windows-1250", "iso-8859-2", "iso-8859-16"},
	"is": {"windows-1252", "iso-8859-15"},
	"it": {"windows-1252", "iso-8859-15", "iso-8859-16"},
	"lt": {"windows-1257", "iso-8859-13", "iso-8859-4"},
	"lv": {"windows-1257", "iso-8859-13", "iso-8859-4"},
	"nl": {"windows-1252", "iso-8859-15"},
	"no": {"windows-1252", "iso-8859-15", "iso-8859-4"},
	"pl": {"windows-1250", "iso-8859-2", "iso-8859-13", "iso-8859-16", "windows-1257"},
	"pt": {"windows-1252", "iso-8859-15"},
	"ro": {"iso-8859-16", "windows-1250", "iso-8859-2"},
	"ru": {"windows-1251", "koi8-r", "iso-8859-5", "x-mac-cyrillic", "ibm866", "koi8-u"},
	"sk": {"windows-1250", "iso-8859-2"},
	"sl": {"windows-1250", "iso-8859-2", "iso-8859-16"},
	"sv": {"windows-1252", "iso-8859-15", "iso-8859-4", "iso-8859-13"},
	"tr": {"windows-1254", "iso-8859-9"},
	"uk": {"windows-1251", "koi8-u", "iso-8859-5", "x-mac-cyrillic"},
}
