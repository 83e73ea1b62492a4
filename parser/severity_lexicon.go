package parser

// The concept lexicons of the compositional severity reading
// (severity_concepts.go), per language: each list holds words for ONE
// concept, never a whole sentence; the rules combine them within a
// clause ("can't" + "print" is an outage, "nobody" + "work" too). A
// phrase ending in "$" must end where its word ends ("alle$" is not
// "allerdings"); the others may end inside a word ("verbind" is in
// "verbinden").

// conIncapacity: the writer cannot do something any more.
var conIncapacity = []string{
	// EN
	"can't", "cannot", "can not", "cant$", "couldn't", "could not", "unable to", "not able to", "no longer able", "impossible to", "not possible to", "no way to",
	"locked out", "lost access", "lost all access", "no access", "no longer",
	// DE
	"kann nicht", "können nicht", "kann man nicht", "können wir nicht", "kann ich nicht", "nicht mehr", "lässt sich nicht", "lassen sich nicht", "unmöglich", "keine verbindung", "kein zugriff", "keinen zugriff",
	// FR
	"impossible d", "ne peut", "ne peuvent", "ne pouvons", "n'arrive", "n'arrivons", "n'arrivent", "ne parvien", "plus possible", "plus accès", "plus d'accès", "aucun accès",
	// ES
	"no podemos", "no puede", "no pueden", "no se puede", "no se pueden", "no consigo", "no conseguimos", "no es posible", "imposible", "ya no", "sin acceso", "no hay acceso",
	// IT
	"non riusciamo", "non riesco", "non riescono", "non si riesce", "non può", "non possono", "non possiamo", "impossibile", "non è possibile", "non più", "più accesso", "nessun accesso",
	// NL
	"kunnen niet", "kan niet", "kunnen we niet", "kan ik niet", "niet meer", "lukt niet", "lukt het niet", "onmogelijk", "geen toegang", "geen verbinding",
	// PT
	"não conseguimos", "não consigo", "não conseguem", "não consegue", "não é possível", "impossível", "não pode", "não podem", "não podemos", "sem acesso", "já não",
	// PL
	"nie można", "nie da się", "nie możemy", "nie mogą", "nie może", "nie mogę", "brak dostępu", "brak połączenia", "już nie",
	// SV, DA
	"går inte", "går det inte", "gick inte", "gick det inte", "kan inte", "kan vi inte", "kan jag inte", "kan vi inte", "kommer inte åt", "kommer åt$", "inte längre", "når inte", "når vi inte", "ingen åtkomst", "kan ikke", "kan vi ikke", "kan jeg ikke", "ikke længere", "ingen adgang",
	// TR (the suffix forms are read by turkishIncapacity)
	"mümkün değil", "erişim yok", "bağlantı yok",
	// CS
	"nelze", "nemůžeme", "nemůže", "nemohou", "nejde", "není možné", "nefunguje přístup",
	// JA, ZH, KO
	"できない", "できません", "できず", "できなく", "不可", "出来ない", "出来ません",
	"无法", "無法", "不能", "没法", "沒法", "不了", "打不开", "打不開", "连不上", "連不上", "登不上", "进不去", "進不去",
	"할 수 없", "수 없습니다", "수 없어", "안 됨", "안 됩니다", "안 돼", "안되", "안 되", "불가", "못 합니다", "못합니다", "못 하",
}

// conService: what a unit is for: reaching it, working with it.
var conService = []string{
	// EN
	"access", "reach", "connect", "open", "use$", "use it", "use the", "log in", "login", "log into", "sign in", "print", "save", "stream", "record", "boot", "start", "power on", "power up",
	"turn on", "switch on", "respond", "work$", "work on", "load", "mount", "browse", "get to", "get into", "get at", "see the shares", "see any", "read", "write",
	"come back", "come up", "serve", "serving",
	// DE
	"zugreifen", "zugriff", "erreich", "verbind", "öffnen", "nutzen", "benutzen", "anmelden", "einloggen", "drucken", "speichern", "starten", "booten", "hochfahren", "einschalten", "arbeiten", "reagier", "laden",
	// FR
	"accéder", "accès", "joindre", "connecter", "ouvrir", "utiliser", "imprimer", "enregistrer", "sauvegarder", "démarr", "allumer", "travailler", "répond", "charger",
	// ES
	"acceder", "acceso", "conectar", "abrir", "usar", "utilizar", "imprimir", "guardar", "grabar", "arrancar", "encender", "trabajar", "entrar", "responde", "cargar",
	// IT
	"accedere", "accesso", "raggiunger", "collegar", "connetter", "aprire", "usare", "utilizzare", "stampare", "salvare", "registrare", "avviare", "accendere", "lavorare", "rispond", "caricare",
	// NL
	"bij de", "bij het", "bij onze", "openen", "verbinden", "inloggen", "gebruiken", "printen", "opslaan", "opstarten", "aanzetten", "werken", "bereik", "toegang", "reageert",
	// PT
	"acessar", "aceder", "acesso", "conectar", "abrir", "usar", "utilizar", "imprimir", "salvar", "gravar", "ligar", "iniciar", "trabalhar", "responde", "carregar",
	// PL
	"dostęp", "połączyć", "połączenia", "otworzyć", "zalogować", "logować", "używać", "korzystać", "drukować", "zapisać", "uruchomić", "włączyć", "pracować", "dostać się", "odpowiada",
	// SV, DA
	"komma åt", "kommer åt", "nå$", "når$", "ansluta", "öppna", "logga in", "använda", "skriva ut", "spara", "starta", "jobba", "arbeta", "svarar", "tilgå", "forbinde", "åbne", "logge ind", "bruge", "arbejde", "svarer",
	// TR (with conIncapacity's "mümkün değil"); CS
	"erişim", "bağlantı", "giriş", "přístup", "připojit", "otevřít", "přihlásit", "používat", "pracovat", "spustit", "zapnout", "reaguje",
	// JA, ZH, KO
	"アクセス", "接続", "開け", "開く", "ログイン", "使用", "利用", "印刷", "保存", "起動", "電源", "仕事", "業務", "応答", "反応",
	"访问", "訪問", "连接", "連接", "打开", "打開", "登录", "登入", "登錄", "使用", "打印", "列印", "保存", "启动", "啟動", "开机", "開機", "工作", "上网", "上網", "调出", "調出", "读取", "讀取", "响应", "回應", "回应",
	"접속", "연결", "열 ", "열리", "로그인", "사용", "인쇄", "저장", "부팅", "켜", "작업", "이용", "응답",
}

// conCore: the service verbs a plain "not" turns into an outage: the unit
// does not respond, boot, start or come on.
var conCore = []string{"respond", "boot", "start", "power on", "power up", "turn on", "switch on", "come back", "come up", "reachable", "accessible",
	"reagier", "bootet", "startet", "erreichbar", "répond", "démarre", "joignable", "accessible", "responde", "arranca", "enciende", "accesible", "rispond", "avvia", "accende", "raggiungibil", "raggiunt",
	"reageert", "start$", "bereikbaar", "liga$", "arranca", "acessível", "odpowiada", "uruchamia", "włącza", "dostępn", "svarar", "startar", "nåbar", "svarer", "starter", "tilgængelig",
	"reaguje", "nestartuje", "nespustí", "dostupn",
	"応答", "反応", "起動", "响应", "回應", "回应", "启动", "啟動", "开机", "開機", "응답", "부팅", "켜지"}

// conNobody: a universal subject that is itself negative: nobody can ...
var conNobody = []string{"nobody", "no one", "no-one", "none of us", "none of our", "none of the users", "none of the staff", "niemand", "keiner", "personne ne", "personne n'", "aucun utilisateur", "nadie", "ningún usuario",
	"nessuno", "ninguém", "nenhum usuário", "nenhum utilizador", "nikt", "żaden", "ingen$", "inga$", "kimse", "hiç kimse", "nikdo", "žádný",
	"誰も", "だれも", "没有人", "沒有人", "没人", "沒人", "아무도"}

// conEveryone: a universal subject: the whole office, all users.
var conEveryone = []string{"everyone", "everybody", "all users", "all our users", "all staff", "all our staff", "all employees", "all clients", "all customers", "all students", "all workstations", "all of us",
	"the whole office", "the whole team", "the whole site", "the whole company", "the whole department", "the whole building", "the entire office", "the entire team", "the entire site", "the entire company",
	"alle benutzer", "alle mitarbeiter", "alle kollegen", "das ganze büro", "die ganze firma", "das gesamte büro", "tous les utilisateurs", "tout le bureau", "toute l'équipe", "toute l'entreprise", "tout le monde",
	"todos los usuarios", "todo el mundo", "toda la oficina", "toda la empresa", "tutti gli utenti", "tutto l'ufficio", "tutta l'azienda", "tutti$", "iedereen", "alle gebruikers", "het hele kantoor", "het hele bedrijf",
	"todos os usuários", "todos os utilizadores", "todo o escritório", "toda a empresa", "wszyscy", "całe biuro", "cała firma", "alla användare", "hela kontoret", "hela företaget", "alle brugere", "hele kontoret", "hele firmaet",
	"herkes", "tüm ofis", "tüm kullanıcılar", "všichni", "celá kancelář", "celá firma",
	"全員", "全社", "所有人", "大家", "所有用户", "所有用戶", "全公司", "整个公司", "整個公司", "모든 직원", "모든 사용자", "전 직원", "회사 전체"}

// conStandstill: work, or a service, stands still or is lost (read with
// a universal subject: "the whole office is at a standstill").
var conStandstill = []string{"standstill", "stand still", "stands still", "at a halt", "ground to a halt", "stopped working", "can't work", "cannot work", "unable to work", "lost all", "lost access", "no access",
	"steht still", "stillstand", "à l'arrêt", "paralysé", "paralizad", "parado", "parada", "fermo", "ferma", "bloccat", "ligt stil", "plat$", "stoi$", "stoją", "står still", "ligger nede", "står stille",
	"durdu", "durmuş", "stojí", "止まって", "停止", "停摆", "停擺", "瘫痪", "癱瘓", "마비", "멈췄", "멈춰"}

// conTotal: all of it, wholly.
var conTotal = []string{"completely", "totally", "entirely", "fully", "whole", "komplett", "völlig", "vollständig", "gänzlich", "complètement", "totalement", "entièrement", "completamente", "totalmente", "del tutto",
	"volledig", "helemaal", "całkowicie", "zupełnie", "helt$", "fuldstændig", "tamamen", "úplně", "zcela", "完全", "全面", "全部", "整个", "整個", "彻底", "徹底", "완전히", "전면", "전부", "전체"}

// conDown: a unit or a service out of operation.
var conDown = []string{"down$", "offline", "dead", "unreachable", "unavailable", "inaccessible", "out of operation", "stopped", "interrupted",
	"ausgefallen", "nicht erreichbar", "unerreichbar", "tot$", "hors ligne", "inaccessible", "en panne", "caído", "caída", "inaccesible", "fuera de línea", "irraggiungibile", "non raggiungibile", "inaccessibile",
	"onbereikbaar", "plat$", "uitgevallen", "fora do ar", "inacessível", "niedostępn", "padł", "nere$", "otillgänglig", "nede$", "çöktü", "erişilemez", "kapalı", "nedostupn", "spadl",
	"ダウン", "停止", "落ちて", "中断", "中斷", "宕机", "宕機", "挂了", "掛了", "瘫痪", "癱瘓", "다운", "중단", "멈춤"}

// conInterrupt: the unit interrupts its service (restarts, hangs, drops
// the link): in English the forms that have the unit as subject
// ("reboots", "keeps rebooting"), not "we rebooted it".
var conInterrupt = []string{"reboots", "rebooting", "restarts", "restarting", "is restart", "freezes", "freezing", "froze$", "hangs", "hanging", "locks up", "locking up", "drops", "dropping", "disconnects", "disconnecting",
	"loses the", "loses its", "loses link", "loses connection", "losing the", "losing connection", "cuts out", "cutting out", "crashes", "crashing", "power-cycles", "power cycles", "goes offline", "goes down", "went down", "goes dark", "shuts down", "shuts off", "switches off", "turns off", "powers off",
	"startet neu", "startet sich neu", "friert ein", "hängt sich", "stürzt", "trennt", "bricht ab", "verliert die verbindung", "schaltet sich",
	"redémarre$", "redémarrent", "se fige", "plante$", "plantent", "se bloque", "se coupe", "se déconnecte", "perd la connexion", "s'éteint",
	"reinicia$", "reinician", "reiniciando", "se reinició", "se congela", "se cuelga", "se bloquea", "se cae", "se corta", "se cortan", "se desconecta", "pierde la conexión", "se apaga",
	"si riavvia", "si riavviano", "si blocca", "si pianta", "si disconnette", "perde la connessione", "si spegne",
	"herstart$", "herstarts", "start opnieuw", "loopt vast", "hangt$", "valt weg", "valt uit", "verbreekt", "verliest de verbinding", "schakelt uit",
	"reiniciou", "reinicia-se", "trava$", "travando", "congela$", "desconecta$", "perde a conexão", "cai$", "desliga",
	"restartuje", "uruchamia się ponownie", "zawiesza", "rozłącza", "traci połączenie", "zrywa", "wyłącza się",
	"startar om", "hänger sig", "fryser", "tappar", "kopplar ner", "stängs av", "genstarter", "hænger", "mister forbindelsen", "slukker",
	"yeniden başl", "donuyor", "kilitleniyor", "kopuyor", "kesiliyor", "kapanıyor", "restartuje", "zamrzá", "padá", "odpojuje", "vypadává", "vypíná",
	"再起動", "フリーズ", "落ちる", "落ちます", "切断", "切れる", "切れます", "重启", "重啟", "死机", "死機", "當機", "断线", "斷線",
	"재부팅", "재시작", "멈춥", "끊김", "끊어", "끊깁", "끊겨", "꺼집", "꺼져"}

// conByItself: the unit did it by itself, which makes any restart or
// shutdown word an interruption ("restarted by itself", "sozinho").
var conByItself = []string{"by itself", "on its own", "by themselves", "itself", "von selbst", "von alleine", "tout seul", "toute seule", "por sí solo", "por sí sola", "solo$", "da solo", "da sola", "vanzelf", "uit zichzelf",
	"sozinho", "sozinha", "samo$", "sam$", "sama$", "av sig själv", "af sig selv", "kendiliğinden", "kendi kendine", "sám$", "samo od sebe", "勝手に", "自動的に", "自动", "自動", "自己", "저절로", "자동으로", "혼자"}

// conWorks and conWell: a working verb and a manner that says it works
// as it should ("funktioniert aber normal", "działa bez zarzutu"); the
// two in one clause say the unit serves.
var conWorks = []string{"works", "working", "serve$", "serves", "serving", "runs$", "running", "operates", "operating", "funktioniert", "läuft", "fonctionne", "marche$", "funciona", "funziona", "werkt", "draait", "działa", "fungerar", "virker", "kører", "çalışıyor", "funguje", "動作", "稼働", "运行", "運行", "运作", "運作", "工作", "작동", "동작", "운영"}
var conWell = []string{"normal", "fine", "correctly", "properly", "as usual", "as expected", "without problems", "without issues", "without issue", "without any issue", "flawless", "einwandfrei", "problemlos", "ohne probleme", "correctement", "sans problème", "bien$", "correctamente", "sin problemas", "bene$", "correttamente", "senza problemi",
	"goed$", "prima$", "zonder problemen", "corretamente", "sem problemas", "poprawnie", "bez problemów", "bez zarzutu", "bra$", "utan problem", "fint$", "uden problemer", "sorunsuz", "düzgün", "bez problémů", "správně", "正常", "問題な", "问题", "문제없", "문제 없", "정상"}

// conAllThings: everything (with a working verb: "tudo funciona", "alles
// werkt", "her şey çalışıyor").
var conAllThings = []string{"everything", "all is", "tudo", "alles", "tout$", "todo$", "tutto", "wszystko", "allt$", "alt$", "her şey", "vše", "všechno", "一切", "全部", "すべて", "全て", "모두", "모든 것"}

// conFrequency: how often (every N minutes, several times a day).
var conFrequency = []string{"every ", "every$", "each day", "each night", "times a", "times per", "time in one day", "times in one day", "several times", "many times", "again and again", "over and over", "nightly", "daily", "hourly", "twice a", "once a",
	"toutes les", "tous les", "plusieurs fois", "alle$", "mehrmals", "jeden tag", "jede nacht", "täglich", "stündlich", "cada ", "varias veces", "todos los días", "ogni ", "più volte", "tutti i giorni",
	"elke ", "iedere ", "meerdere keren", "várias vezes", "todos os dias", "co godzin", "co kilka", "co dzień", "co noc", "kilka razy", "codziennie", "varje", "flera gånger", "hver ", "flere gange", "her gün", "her saat", "günde", "birkaç kez", "každ", "několikrát",
	"毎日", "毎晩", "毎時", "何度も", "数回", "每天", "每晚", "每隔", "每小时", "每小時", "多次", "매일", "매번", "여러 번", "마다"}

// conEachTime: each outage lasts a while: the service comes back.
var conEachTime = []string{"each time", "every time", "a cada vez", "cada vez", "jedes mal", "chaque fois", "ogni volta", "elke keer", "za każdym razem", "varje gång", "hver gang", "her seferinde", "pokaždé",
	"そのたびに", "その都度", "每次", "매번",
	"rest of the time", "resto do tempo", "resto del tiempo", "reste du temps", "rest der zeit", "resto del tempo", "working normal again", "works normal again", "works again", "funciona de novo"}

// conSlow: slowness.
var conSlow = []string{"slow", "plus faible", "schwächer", "más bajo", "più basso", "lager dan", "mais baixo", "niższ", "lägre", "lavere", "daha düşük", "nižší", "reduced performance", "reduced speed", "noticeably worse", "performance is worse", "einbußen", "einbuße", "leistungseinbuß", "leistungseinbruch", "reduziertem speicher", "performances réduites", "performances dégradées", "rendimiento reducido", "prestazioni ridotte", "verminderde prestaties", "desempenho reduzido", "obniżona wydajność", "sämre prestanda", "düşük performans", "sluggish", "crawl", "takes forever", "lag$", "laggy", "lagging", "baisse", "lent", "ralenti", "langsam", "verlangsamt", "lento", "lenta", "rallentat", "traag", "langzaam", "wolno", "powoli", "spadek",
	"långsam", "trög", "langsom", "yavaş", "pomal", "遅い", "遅く", "低下", "慢", "变慢", "變慢", "下降", "느려", "느림", "저하"}

// conWorkStops: the customer's own work, a production, a business ...
var conWorkObject = []string{"production", "business", "operations", "produktion", "betrieb", "producción", "produzione", "productie", "produção", "produkcja", "üretim", "výroba", "生产", "生產", "业务", "業務", "生産", "생산", "업무"}

// ... and its stop (with conWorkObject: "la production de notre client est
// arrêtée", "Betrieb steht", 生产停止).
var conStops = []string{"stopped", "halted", "at a halt", "standstill", "arrêtée", "arrêté", "à l'arrêt", "steht", "gestoppt", "stillstand", "detenida", "parada", "parado", "ferma", "fermo", "bloccata", "ligt stil", "stilgevallen", "stoi$", "wstrzymana", "står still", "stoppad", "står stille",
	"durdu", "zastavena", "停止", "停摆", "停擺", "中断", "中斷", "止まって", "중단", "멈췄"}

// conDoubled: a time or latency doubled, the seed's throughput halved.
var conDoubled = []string{"doubled", "tripled", "twice as long", "verdoppelt", "doppelt so lang", "doublé", "deux fois plus", "duplicado", "el doble", "raddoppiat", "il doppio", "verdubbeld", "twee keer zo", "dobrou", "o dobro", "podwoi", "dwa razy dłużej", "fördubblats", "dubbelt så lång", "fordoblet", "iki katına", "zdvojnásob", "倍増", "2倍", "翻倍", "两倍", "兩倍", "두 배"}

// conStrong: the strength that makes slowness the seed's "significantly
// degraded".
var conStrong = []string{"significantly", "severely", "unusable", "extremely", "unbearabl", "unbrauchbar", "erheblich", "extrem", "inutilisable", "considérablement", "inutilizable", "muy lento", "inutilizzabile", "estremamente",
	"onbruikbaar", "extreem", "inutilizável", "extremamente", "bezużyteczn", "bardzo wolno", "oanvändbar", "extremt", "ubrugelig", "kullanılamaz", "nepoužiteln", "使い物にならない", "使えない", "非常に", "极其", "極其", "严重", "嚴重", "사용할 수 없", "심각"}

// conWeak: a small amount: slightly, a bit.
var conWeak = []string{"slightly", "a bit", "a little", "somewhat", "minor", "légère", "léger", "un peu", "etwas", "leicht", "un poco", "ligera", "un po'", "leggero", "leggera", "een beetje", "iets", "um pouco", "ligeira",
	"trochę", "nieco", "lite$", "något", "lidt", "biraz", "hafif", "trochu", "mírn", "少し", "若干", "有点", "有點", "稍微", "略", "약간", "조금"}

// conSymptom: what a unit shows while it serves: a noise, a beep, heat,
// a smell, a light's colour, a warning.
var conSymptom = []string{"noise", "noisy", "loud", "beep", "buzz", "rattl", "click", "whin", "hot$", "hotter", "overheat", "heat", "lauter", "heiß", "chauffe", "se calienta", "scalda", "smell", "red light", "amber", "orange", "blinks red", "blinking red", "warning", "alert", "notification",
	"geräusch", "laut$", "piept", "warnung", "bruit", "bip", "chaud", "odeur", "avertissement", "ruido", "pitido", "calor", "olor", "aviso", "rumore", "bip$", "odore", "avviso", "lawaai", "geluid", "piept", "waarschuwing",
	"barulho", "ruído", "cheiro", "hałas", "piszczy", "zapach", "ostrzeżenie", "ljud$", "oljud", "piper", "varning", "støj", "advarsel", "ses$", "gürültü", "uyarı", "hluk", "varování",
	"異音", "音が", "ビープ", "警告", "異臭", "噪音", "异响", "異響", "警告", "告警", "소음", "경고", "경보"}

// conCosmetic: damage to the look: a scratch, a dent, a crack.
var conCosmetic = []string{"scratch", "dent$", "dented", "cracked", "crack in", "bezel", "kratzer", "delle", "rayure", "bosse", "arañazo", "abolladura", "graffio", "ammaccatura", "kras", "deuk", "arranhão", "amassado",
	"rysa", "pęknięt", "pękła", "pękł", "wgniecenie", "buckla", "ridse", "bule", "çizik", "göçük", "škrábanec", "prasklin", "傷", "へこみ", "划痕", "刮痕", "凹痕", "흠집", "찌그러"}

// conAppearance: the writer says the defect is one of looks only.
var conAppearance = []string{"cosmetic", "kosmeti", "cosmétique", "cosmético", "cosmetico", "estétic", "estetic", "esthétique", "cosmetisch", "kozmetik", "kosmetyczn", "optisch", "wygląd", "aussehen", "apparence", "aspecto", "aspetto", "uiterlijk", "aparência",
	"only the look", "just the look", "looks only", "外観", "外观", "外觀", "외관"}

// conEnded: the fault has gone ("disappeared", "해결", "no more problems").
var conEnded = []string{"disappeared", "gone away", "went away", "have stopped", "has stopped", "resolved", "fixed", "solved", "no more problems", "no further problems", "verschwunden", "behoben", "gelöst", "keine probleme mehr",
	"disparu", "résolu", "plus de problème", "desaparecido", "resuelto", "solucionado", "scomparso", "risolto", "verdwenen", "opgelost", "geen problemen meer", "desapareceu", "resolvido", "zniknął", "zniknęły", "rozwiązan",
	"back to normal", "wieder normal", "恢复正常", "恢復正常", "元に戻", "정상으로 돌아",
	"försvunnit", "löst", "inga fler problem", "forsvundet", "løst", "kayboldu", "çözüldü", "zmizel", "vyřešen", "消え", "解消", "解決", "消失", "解决", "사라졌", "없어졌", "해결"}

// conServing: the unit serves on.
var conServing = []string{"works fine", "works normally", "working normally", "working fine", "runs fine", "running fine", "still works", "still running", "still serving", "up and running", "is up$", "stays up", "is stable", "remains stable", "no interruption", "no outage", "no impact", "kein ausfall", "keine ausfälle", "keine unterbrechung", "pas de panne", "aucune panne", "sin caídas", "ninguna caída", "nessun fermo", "geen uitval", "sem queda", "brak awarii", "inget avbrott", "ingen nedetid", "žádný výpadek",
	"läuft stabil", "funktioniert normal", "keine unterbrechung", "reste stable", "fonctionne normalement", "aucune interruption", "funciona normalmente", "sin interrupción", "funziona normalmente", "nessuna interruzione",
	"werkt normaal", "draait stabiel", "geen onderbreking", "funciona normal", "sem interrupção", "działa normalnie", "bez przerw", "fungerar normalt", "fungerar som vanligt", "virker normalt",
	"kesinti yok", "çalışıyor", "normal çalış", "funguje normálně", "問題な", "正常に", "正常运行", "正常運作", "没有问题", "沒有問題", "정상", "문제없", "문제 없"}

// conNotUnit: the words say a part, a management side, a light or
// another unit is what fails: the unit itself may serve on.
var conNotUnit = []string{"poe$", "ssd", "hdd", "nvme", "controller", "attachment", "pdf", "the link you", "your link", "download link", "link you sent", "portal", "the form", "label", "sticker",
	"find the serial", "read the serial", "see the serial", "locate the serial", "invoice", "cover", "tray", "lid$", "case$", "manual", "rma", "ticket", "your ", "support", "shipping", "delivery", "courier", "tracking", "the order", "our order", "purchase order",
	"rack", "rails", "bracket", "mobile app", "the app", "an app", "app$",
	"fan$", "fans$", "psu", "power supply", "led$", "leds$", "light$", "lights$", "lamp", "bmc", "ipmi", "idrac", "ilo$", "web ui", "webui", "web interface", "gui$", "management", "display", "lcd", "bezel", "disk$", "disks$", "drive$", "drives$", "bay$", "bays$", "slot$", "slots$", "port$", "ports$",
	"other site", "other unit", "other server", "other nas", "other system", "other device", "another unit", "another site", "another system", "another device", "not yours", "not one of yours", "anderes gerät", "anderen standort", "autre site", "autre appareil", "otro equipo", "otra sede", "altro sito", "altra sede", "andere locatie", "ander apparaat", "outro equipamento", "inny serwer", "annan enhet", "andet anlæg", "başka cihaz", "jiné zařízení", "our old", "the old", "loaner", "spare", "lüfter", "netzteil", "ventilateur", "ventilador", "ventola", "ventilator", "webgränssnitt", "webinterface",
	"ファン", "风扇", "風扇", "팬"}

// conQuestionWords: the clause asks why or how, which reports no fault.
var conQuestionWords = []string{"why$", "warum", "pourquoi", "por qué", "perché", "waarom", "dlaczego", "varför", "hvorfor", "neden", "proč", "なぜ", "为何", "為何", "为什么", "為什麼", "如何", "怎么", "怎麼", "how come", "왜 "}

// conSuppose: the words of a supposition (if, would, falls, もし).
var conSuppose = []string{"if$", "what would", "would it", "would the", "would we", "would that", "would there", "in case", "wenn$", "falls$", "si$", "au cas", "en caso", "nel caso", "qualora", "indien", "mocht", "caso$", "jeśli", "jeżeli", "gdyby", "ifall", "om det skulle", "hvis",
	"eğer", "durumunda", "pokud", "kdyby", "もし", "如果", "假如", "万一", "萬一", "만약", "만일"}

// conHypothetical: a question word or a supposition.
var conHypothetical = append(append([]string{}, conQuestionWords...), conSuppose...)

// turkishStems are Turkish service verbs' stems; with an incapacity or
// negation suffix in the same word ("erişemiyoruz", "bağlanamıyor",
// "açılmıyor") they are the outage a Turkish writer describes.
var turkishStems = []string{"eriş", "bağlan", "gir", "aç", "kullan", "çalış", "yazdır", "kaydet", "kaydede", "başla", "başlat", "ulaş", "yanıt ver", "cevap ver"}

// turkishIncap are the suffixes: "cannot" (-amıyor, -emiyor, -amaz,
// -emez, -amadı, -emedi) and the plain negation (-mıyor, -miyor).
var turkishIncap = []string{"amıyor", "emiyor", "amaz", "emez", "amadı", "emedi", "ılmıyor", "ilmiyor", "mıyor", "miyor", "muyor", "müyor"}

// conSpeed: what a rate measures (throughput, speed), for the figures
// dropRatio reads.
var conSpeed = []string{"speed", "throughput", "bandwidth", "transfer rate", "mbps", "mbit", "mb/s", "gbit", "gb/s", "geschwindigkeit", "durchsatz", "bandbreite", "débit", "vitesse", "velocidad", "rendimiento", "velocità", "banda",
	"snelheid", "doorvoer", "velocidade", "prędkość", "przepustowość", "hastighet", "bandbredd", "hız", "rychlost", "propustnost", "速度", "速率", "吞吐", "帯域", "스루풋", "속도", "대역폭"}

// conPast: the sentence tells of an earlier time, not the fault now.
var conPast = []string{"last year", "years ago", "in the past", "back in 20", "letztes jahr", "vor jahren", "l'année dernière", "l'an dernier", "el año pasado", "hace años", "l'anno scorso", "anni fa", "vorig jaar", "jaren geleden",
	"ano passado", "anos atrás", "w zeszłym roku", "lata temu", "förra året", "sidste år", "geçen yıl", "yıllar önce", "loni", "před lety", "去年", "昨年", "以前", "작년"}

// conPartial: only some users, or only some of the time.
var conPartial = []string{"some ", "a few", "several", "one user", "one of our users", "certain", "sometimes", "occasionally", "manchmal", "einige", "parfois", "quelques", "a veces", "algunos", "algunas", "a volte", "alcuni", "alcune",
	"soms", "sommige", "às vezes", "alguns", "algumas", "czasami", "niektór", "ibland", "vissa", "nogle", "bazen", "bazı", "někdy", "některé", "時々", "一部", "有时", "有時", "部分", "가끔", "일부"}

// conSchedule: a planned stop, not a fault.
var conSchedule = []string{"schedul", "planned", "will have to", "we will", "we'll", "going to", "tomorrow", "next week", "wir werden", "nous allons", "vamos a", "demain", "mañana", "domani", "morgen", "jutro", "imorgon", "i morgen", "yarın", "zítra", "明日", "明天", "내일", "as configured", "geplant", "programmé", "programado", "programmato", "gepland", "agendad", "zaplanowan", "schemalagd", "planlagt", "planlı", "plánovan", "予定", "计划", "計劃", "예정"}

// firstPerson are the writer's own subjects and the words that make a
// restart the writer's ("after restarting", "tried rebooting").
var firstPerson = []string{"we", "i", "i've", "we've", "wir", "ich", "nous", "je", "j'ai", "hemos", "he", "abbiamo", "ho", "hebben", "ik", "nós", "eu", "my", "ja", "vi", "jeg", "biz", "ben",
	"after", "tried", "try", "nach", "après", "después", "dopo", "na", "após", "po", "efter", "sonra", "manually", "to"}

// afterOwnRestart: the words after a restart in Chinese, Japanese and
// Korean that make it the writer's ("重启后", "再起動した後", "재부팅한 후").
var afterOwnRestart = []string{"后", "後", "之后", "之後", "した後", "してから", "しても", "すると", "한 후", "한 뒤", "해도", "하면"}

// separablePairs are interruption verbs whose parts a sentence splits
// ("loopt een paar keer per week vast", "fällt ständig aus").
// The first word carries its space, so a clause is searched without
// building the string each time.
var separablePairs = [][2]string{{"loopt ", "vast"}, {"bootet ", "neu"}, {"fährt ", "herunter"}, {"schaltet ", "aus"}, {"valt ", "uit"}, {"valt ", "weg"}, {"fällt ", "aus"}, {"startet ", "neu"}, {"friert ", "ein"}, {"schaltet ", "ab"}, {"stürzt ", "ab"}, {"hängt ", "auf"}, {"slår ", "av"}, {"startar ", "om"}}

// separableSet holds the first words of separablePairs.
var separableSet = newPhraseSet(separableFirsts())

func separableFirsts() []string {
	var firsts []string
	for _, p := range separablePairs {
		firsts = append(firsts, p[0])
	}
	return firsts
}

// nounAfter are the words that make a service word before them a noun
// ("the boot pool", "our access point", "the start screen").
var nounAfter = []string{"pool", "device", "devices", "drive", "disk", "ssd", "dom", "doms", "media", "menu", "order", "log", "logs", "loader", "sector", "partition", "point", "points", "screen", "page", "button", "rights", "code", "key", "list", "time", "times", "mode", "option", "options", "settings", "date"}

// suppositionWords make a sentence with a hypothetical word a supposition
// ("If it ever goes down, nobody can work"), not a condition a fault
// shows under ("it reboots if we copy large files").
var suppositionWords = []string{" ever ", "in case", "what would", "what happens", "should it", "were to", "jemals", "au cas", "en caso", "nel caso", "qualora", "mocht", "caso ", "gdyby", "ifall", "eğer", "kdyby",
	"もし", "如果", "假如", "万一", "萬一", "만약", "만일"}

// denials and auxiliaries may stand right before a denied core verb.
var (
	denials     = []string{"geen", "ne", "no", "non", "nie", "inte", "ikke", "longer", "ya", "più", "mehr", "meer", "não", "já"}
	auxiliaries = []string{"does", "do", "did", "will", "would", "can", "could", "is", "are", "was", "be", "been", "get", "gets", "się", "se", "si", "s'", "lässt", "sich", "is", "zijn", "wird"}
)

// conNotUnitPlain: the part words of conNotUnit that a plain substring
// test can use.
var conNotUnitPlain = []string{"fan", "psu", "power supply", " led", "light", "bmc", "ipmi", "web ui", "web interface", "management", "display", "disk", "drive", "port", "other "}

// lockedOut are incapacities that hold their service: "locked out", "lost
// access", "kein Zugriff mehr".
var lockedOut = []string{"locked out", "lost access", "lost all access", "no access", "kein zugriff", "keinen zugriff", "plus accès", "plus d'accès", "aucun accès", "sin acceso", "no hay acceso", "nessun accesso", "più accesso", "geen toegang", "sem acesso", "brak dostępu", "ingen åtkomst", "ingen adgang", "erişim yok", "žádný přístup"}
