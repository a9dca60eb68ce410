/**
 * Written by `npx tsx packages/privacy/src/lexicon/write-name-lexicon.ts` from the lexicon of
 * `compromise` (name-lexicon-source.ts; name-lexicon.test.ts checks it still matches): do not edit.
 * Given names (3180) and words that are no surname (11587), lower case, one space apart.
 */

export const GIVEN_NAMES = `
aada aadya aaliyah aaradhya aarav aaron aasha abagail abbey abbi abbie abby abdallah abdel
abdoulaye abdul abdullah abdullo abdulrahman abe abel abi abie abigail abraham abram abril abu
abubakr abulfazl ada adaline adalyn adam adama adan addie addilyn addison adel adela adelaide
adele adelene adelia adelina adeline adelynn adi adolf adolfo adolph adreanna adrian adriana
adrianna adrianne adriano adrien adriena adriene adrienne advik afonso agatha aggie agnes agustin
agustina ahmad ahmed ahmet aicha aida aidan aiden aileen aimar aimee aina aino ainsley aisha
aishah aisling aislinn aislynn ajani ajla akira aladdin alain alaina alan alana alanis alanna
alannah alanoud alastair alayah alayna alba albert alberto albrecht alden alec alecia aleisha
alejandra alejandro aleksandar aleksander aleksandr aleksandra aleksei alena alesia alessandra
alessandro alex alexa alexander alexandra alexandre alexandros alexandru alexei alexia alexis alf
alfie alfonso alfred ali alia alice alicia alicja alina aline alisa alise alisha alison alissa
alistair aliza allan allen allie allison allyson alois alonso alonzo alphonse alphonso althea
alton alvaro alvin alya alycia alysa alyson alyssa amahle amaia amaira amalia amanda amar amber
amberly amelia amelija amie amilia amina aminata amine amir amit ammanuel ammar amos amy ana
anabel anamaria anas anastasia anastasija anatoli anatoliy anatoly anaya ander anders andi andjela
andra andre andrea andreas andrei andrej andres andrew andrey andrzej andy ane aneta anette angel
angela angelia angelica angelina angeline angelique angelo angie anika anisa anissa anita anja
anjelica ann anna annabel annabella annabelle annalisa annamaria anne annemarie annett annette
annie annika annmarie anohito anthony antoine antoinette anton antonella antoni antonia antonio
antony anwar anya aoi aputsiaq arata archibald archie ari aria ariana arianna arianne ariel
arielle ariki arjun arleen arlena arlene arlette armaan armand armando armin arnaud arnav arno
arnold aroha aron arpita artem arthur artie artur arturo aryan asahi asha ashanti ashlee ashleigh
ashley ashli ashlie ashly ashlyn ashraqat ashton asiya asja asmita assil astrid ataahua athena
aubrey audra audrey audri audry augustina augustine augusto augustus aurelia austeja ava avery avi
avigail awa aya ayaan ayana ayanna ayesha aygun aykhan aylin ayn ayse aysel aziz azra azuna bakary
balazs bandar bandile banele barbara barbora barbra barney barrett barry bart bartholomew bayarmaa
bea beatrice beatriz becca becky belinay belinda ben benita benito benjamin bennie benny benson
berat bernadette bernadine bernard bernardo bernhard bernice bernie bert bertha bertie bertram
bertrand beryl beshoi bess bessie beth bethanie bethany betsy bette bettie bettina betty bettye
beula beulah bev beverley beverly bianca bibek biff bilal biljana billie billy binita bintou
bishal bismah bjorn blaine blair blake blanca blanche blaze blossom blythe bob bobbi bobbie bobby
bogdan boglarka bolormaa bonita bonnie boris boyd brad bradford bradley brady branden brandi
brandie brandon branislav breanna bree brenda brendan brendon brenna brent brenton bret brett
brian briana brianna brianne brice bridget bridgett bridgette brigid brigitte britney britt
brittany brittney brittni brittny bronwyn brooke bruce bruno bryan bryanna bryce brynn bryon buck
buddy burt burton buster byron caitlin caitlyn cal caleb calista callie calvin cameron camila
camile camilla camille camilo candace candice cara carey carina carissa carl carla carlene carley
carlie carlo carlos carlota carlotta carlton carly carmel carmela carmella carmen carol carole
carolina caroline carolyn carrie carrol carroll cary casandra casey cassandra cassidy cassie
catarina caterina catherina catherine cathleen cathryn cathy catrina cayla cecelia cecil cecile
cecilia cecily cedric celeste celia celina celine cesar chad chandra chanelle chantal chantelle
charbel charis charissa charla charlena charlene charles charlette charley charlie charlotte
charmaine chas chase chedeline chelsea chelsey cher cheri cherie cheryl chester chet cheyenne
chloe chris chrissy christa christal christen christiana christiane christie christina christine
christoph christophe christopher christos christy chrystal chuck ciara ciaran cierra cindi cindy
clair claire clara clare clarence clarice claris clarissa claude claudette claudia claudine
claudio claus clay clayton clemens clement cleo cleopatra cletus clifford clifton clint clive
clotilde clyde cody colby cole coleen colette colin colleen collin colton concepcion connie connor
conor conrad constance constantin constanza consuelo cora coralie cordelia corey cori corina
corine corinna corinne cornelia cornelis cornelius corrine cory courtney courtni courtny craig
cristal cristiano cristina cristobal curt curtis cyndi cynthia cyril cyrus daan dahlia daina dalal
dale damaris damia damian damien damion damon dan dana danette dani danica daniel daniela daniele
daniella danielle danika danilo daniz danny daphna daphne dara darby darcey darcie darcy daren
daria darin dario darius darla darlena darlene darnell darrel darrell darren darrin darryl daryl
dave davi david davida davina dayle dayna deana deandra deandre deann deanna deanne deb debbie
debby debora deborah debra debrah dede dee deedee deena deepak deidre deirdre dejan dela delbert
delia delilah della delores deloris delphine demetria demetrius dena denice denis denise dennis
denny deon derek derrick deshawn desiree desmond devan deven devin devon dewayne dewey dexter dhia
diana diane dianna dianne diarmuid dieter dietmar dietrich dillon dimitri dimitris dina dinah
dinesh dion dionne dirk diya djeneba dmitri dmitry dolores domingo dominic dominick dominik
dominique dominykas don dona donald donna donnell donnie donny donovan dora doreen dorian doris
dorla dorothea dorothy dorthy dottie doug douglas dovydas doyle dragan drew duane dudley duncan
dustin dwayne dwight dylan dyllan ebenezer ecrin ed eddie edel eden edgar edie edith edmond edmund
edna edoardo eduard eduardo edward edwardo edwin edwina eevi efrain efren eileen eisha eitan
ekaterina ekta ela elaina elaine elana elbert eldon eleanor elen elena eleni eli eliana elias
elicia elida elie elif elijah elin elina elinor eliot elisa elisabeth elise elisha eliska eliza
elizabete elizabeth elizaveta ella ellen ellie elliot elliott ellis elly elma elmer elnora eloise
elouise elsa elsie elton elva elvin elvina elvira elvis elwood ema emanuel emanuela emelda emely
emerald emerson emery emil emile emilee emilia emiliano emilie emilija emilio emilis emily emina
emine emirhan emma emmaline emmanuel emmanuelle emmeline emmett emmie emmy enid enoch enrico
enrique enzo eoin ergi eric erica erich erick ericka erik erika erin erma ernest ernestina
ernestine ernesto ernie ernst errol ervin erwin eryn esma esmeralda esperanza esteban estela
estele estella estelle ester estere esther estrella ethan ethel etienne etta eugen eugene eugenia
eugenie eunice eva evan evangelina evangeline evelin evelina evelyn evens everett evgeny evi evie
evita ewa eymen ezra fabian fabien fabio fabrice fabrizio fadi fahd fajr fanta farah farida farrah
farzana fatemeh fatiha fatima fatin fatma fatoumata fay faye federico felecia felicia felipe felix
feng fenna ferdinand ferdinando fergus fernanda fernando fidel fien filip fiona fionn fletcher
flora florencia florian floyd forrest foster fozia fran frances francesca francesco francina
francine francis francisca francisco franciszek francois francoise frankie franklin franklyn
fraser fred freda freddie freddy frederic frederick frederik fredrick fredrik freja frida frieda
friedrich frits fritz fyodor gabe gabi gabija gabreal gabriel gabriela gabriele gabrielius
gabriella gabrielle gaby gale galen gamalat gamila gareth garland garnet garrett garry garth gary
gavin gayle gemma gena genesis genevieve genna geoff geoffrey georg george georges georgette
georgi georgie georgina georgios georgy gerald geraldina geraldine gerard gerardo gerhard geri
germaine gerrit gerry gert gertrud gertrude gia giacomo gianna gigi gilbert gilberto gilda giles
gilles gillian gina gino giorgi giorgio giorgis giovanna giovanni gisela gisele giselle gita
giuseppe gladys glen glena glenda glenn glenna gloria glynis godfrey golda goldie gonzalo googoosh
goran gord gordon gottfried grace gracie graciela grady graham grant greg gregg gregor gregorio
gregory greta gretchen griselda grover guido guilherme guillaume guillermo gunay gunel gunnar
gunter gunther gus gustaf gustav gustave gustavo gwen gwendolyn gwyneth gyorgy habib habiba hailey
hal hala haley halim hallie hamza hana hanah hank hanna hannah hans hao hariet hariette harlan
harley harmony harold harri harriet harriett harriette harry haruhito haruki haruta haruto harvey
hasan hasnaa hassan hasti hatice hattie hawa hayato hayden hayley heath heather hector heidi
heinrich heitor helen helena helene helga helmi hendrik henri henrietta henrik henrique henry
henryk herbert herman hermann hermine hessa hester hilary hilda hildegard hillary himari hinata
hoda hollie homer horace horacio horatio hortense hosna hosniya hossein howard howie hubert hugh
hugo humberto huseyin huseyn hussa hussain hussein hyacinth hydar iain ian ibai ibrahim ichika ida
ignacio igor ike iker ila ilene iliana ilija ilina ilona ilse ilya imane imelda imogena imogene
indira ines ingrid inji inuk inunnguaq iona ionut ira irati irena irene irina irma irvin irving
irwin isaac isabel isabela isabele isabell isabella isabelle isadora isaiah isaias ishaan isiah
isidora isla islande ismael ismail isobel issac itai itsuki iva ivaana ivalu ivan ivana iwona
izaro jacinda jacinta jack jackie jacky jaclyn jacob jacquelina jacqueline jacquelyn jacques jada
jaden jaime jaka jake jakob jakov jakub jamal james jameson jami jamie jamison jammie jana janae
jane janele janelle janessa janet janette janice janie janina janine janis jaqueline jared jarod
jaroslav jarrett jarrod jarvis jasmin jasmina jason jasper javier javiera jayden jayne jayson
jazmin jazmine jeana jeane jeanette jeanie jeanina jeanine jeanna jeanne jeannette jeannie
jeannina jeannine jed jeff jeffery jeffrey jeffry jelena jen jena jenelle jenifer jenna jennette
jenni jennie jennifer jenny jens jerald jeremiah jeremy jeri jermaine jerome jeronimo jerri jerry
jesica jess jesse jessica jessie jesus jian jie jil jilian jill jillian jim jimi jimmie jimmy jing
jo joan joana joane joann joanna joanne joao joaquin jocelyn jodi jodie jody joe joel joelle
joesph joey johan johana johann johanna johannes john johnathan johnathon johnie johnnie johnny
jokubas joleen jolena jolene jon jonah jonas jonathan jonathon joni jonny jordi jordon jorge jose
josef josefa josefina josefine joselyn joseph josephina josephine josh joshua josiah josie josue
jovana joya joyce jozef juan juana juanita jude judeline judith judy julen jules julia julian
juliana julianna julianne julie julien julienne juliet julieta juliette julio julissa julius
justin justina justine kabita kacey kacper kadiatou kaede kai kaia kaitlin kaitlyn kajus kaleigh
kali kalle kallie kamal kamala kamil kamila kamile kanata kanyakumari kara karen kari karim karima
karin karina karissa karl karla karly karolina karyn kasey kaspar kassandra kassie kat katarina
kate katelyn katelynn katerina katharina katharine kathem katherina katherine kathie kathleen
kathrine kathryn kathy kati katia katie katlyn katrina katy kauri kavita kay kaye kayla kaylee
kayleigh keeley keely keenan keir keira keisha keith kejsi keley keli kelley kelli kellie kelly
kelsey kelsie kely ken kendall kendra kendrick kenna kenneth kenny kenton kenyatta kenza kera keri
kermit kerri kerry keven kevin khadija khadije khaled khalid khawla kheira khongordzol kia kiana
kiara kiera kieran kiersten kiley kim kimberlee kimberley kimberli kimberly kimmernaq kingsley kip
kira kiran kiril kirill kirk kirollos kirsten kirstin kizzy klaus klea konrad konul kori kourtney
kris krista kristen kristi kristian kristie kristin kristina kristine kristopher kristy kristyna
krystal krzysztof kurt kurtis kyla kyle kylee kylie kyls kyra lacey lacie lacy ladona ladonna laia
laila lakesha lamar lambert lamija lamont lana lance landon lara larisa larissa larry lars lashawn
laszlo latasha latifa latisha latonya latoya laura laurel lauren laurence laurent laurie lauryn
laverna laverne lavinia lawrence laxmi layla lea leah leana leandra leandro leane leann leanna
leanne leda leena leevi leia leif leigh leila leilani leja lejla lela leland len lena lennart
lenny lenora lenore leola leon leona leonard leonardo leonel leonid leonie leonora leopold leora
lesedi lesley lesli leslie lesly lester lethabo leticia letitia lettie levente levi lex lexie
leyla lia liam lian liana lianne libbie libby lidia lidya liepa lila lili lilia lilian liliana
lilja lillia lillian lillie lilly lin lina linda lindsay lindsey lindsi lindsy lindy linus lionel
lior lisa lisette liv livia liz liza lizbeth lizette lizzie lloyd logan lois lola lolita lonnie
lora loraina loraine lorelei loren lorena lorene lorenzo loretta lori lorie lorna lorraina
lorraine lorri lorrie lotte lottie lou louella louie louis louisa louise lovelie lovro lowell
luann luc luca lucas lucia luciana luciano lucie lucien lucija lucile lucille lucinda lucy ludovic
ludvig ludwig luela luella luigi luis luisa luise luiz luka lukas luke lula lulu lulwa luna lupe
lupita luther luuk luz lydia lyla lyle lyn lyna lynda lyndon lyndsey lyne lynette lynn lynna lynne
lynnette lynsey maayan mabel mable macaulay macie maciej mack macy madalyn maddie madeleine
madelina madeline madelyn madge madison madonna mads mae magda magdalena magdalene maggie magnus
maha mahamadou mahammad mahdi mahesh mahmoud maia maire maisie maite maja majd maksim malachai
malachy malak malcolm malen malia malik malika malinda mallory mamadou manaia mandakranta mandy
manfred manish manny manon manuel manuela mara marc marcel marcela marcell marcella marcelle
marcello marcelo marci marcia marcie marcin marco marcos marcus marcy margaret margarette
margarida margarita marge margery margie margo margot margret margrette marguerite mari maria
mariah mariam mariamawit mariami marian mariana mariane marianna marianne mariano maribel marie
mariela mariella marija marilyn marina mario marion marios maris marisa marisol marissa maritza
marius marjorie mark markel marko markos markus marla marlena marlene marlin marlo marlon marnie
marquis marsha marshal marshall marta martha marti martim martin martina martine marty marvin
marwa mary maryam maryan maryann marybeth maryjane marylou masoud masoumeh matej mateo matheus
mathew mathias mathieu mathilde mathis matias matilda matilde matt matteo matthew matthias matti
mattia mattias mattie matty matus matyas maud maude maura maureen maurice mauricio mavis maxime
maximilian maximiliano maxina maxine maxwell maybell mayra maysoun mazie mckenzie meagan meg megan
meghan mehdi mehmet mei mel melanie melina melinda melisa melissa mellisa melokuhle melvin
meredith meriem merissa merjem merle meron merrill mervin mervyn meryem meryl mia micaela micah
michael michaela michal micheal michel michele michelle mick mickey micky midori miguel mihai mika
mikaela mikaere mike mikel mikhail mikolaj mila milagros mildred milena milhouse milica millicent
millie milly milo milos milton mimi mina minato mindy minenhle minerva minh minik minnie mira
miral miranda miriam mirlande mitch mitchell mitzi miyar mobina modibo moe mohamad mohamed
mohammad mohammed moira moises mollie molly mona monica monika monique monte monty morgan moritz
moses moshe moussa mrignayani muhamed muhammad muhammed murad muriel mustafa mustapha mya myles
myra myriam myrlande myrna myron myrtle naasunnguaq nadene nadia nadina nadine nadya nahia nahom
naima nalla nancy nanette naomi naomie narges natalia natalie natalya natasha nate nathalie nathan
nathanael nathaniel nathy neal ned nehir neil nel nela nelisa nell nellie nelson nena nerissa
nesreen neville nguyen nia niamh nicholas nichole nick nicki nickolas nicky nico nicola nicolas
nicole nicolette niels nigel niharika niilo nik nika nikau nikhil niki nikita nikki niklas niko
nikola nikolai nikolay nikos nila nilay niles nils nina nisanur nisha nita nivi noa noah noam noel
noella noelle noemi nojus nolan nomaan noor nora norah norbert noreen norma norman nouf nour nuka
nur nuray nurul nyla octavia octavio odelia odette odval ofelia oier oisha oksana ola olaf olav
oleksandr olga oliver olivia olivier ollie omar omer ondrej ophelia ori orville osama oscar oskar
osman osvaldo oswald otis otto oumar oumou owen oyunbileg pablo padraig paige pam pamela pandora
paninnguaq paola paolo parvati pascal pat patrica patrice patricia patrick patrik patti pattie
patty paul paula paulette paulie paulina pauline paulo paulos pavel pavlo pedro peg peggy penelope
percy perla petar pete peter petr petra petro petros phil philip philipp philippe phillip
philomena phoebe phylis phyllis pia pierce pierre pieter pietro piotr pipaluk polina polly portia
prakash pravit prem preston priscila priscilla priyamvada prudence puteri pyotr queenie quentin
quiana quincy quinn quinton rabina rachael rachel rachele rachelle rachid rachida rae rafael rahul
raina rainer rajesh ralf ralph ramiro ramon ramona randal randall randi randolph rania raoul
raphael raquel rashad rasmus raul rawiri rayan raymond rayna reanna reba rebeca rebecca rebeka
rebekah recep reece reem reema regan reggie regina reginald regis reid reihaneh reina rena renae
renata rene renee reta reuben reyansh reyna reynaldo reza rhea rhett rhiannon rhoda rhona rhonda
ria ricardo riccardo richard richelle richie rick rickey ricki rickie ricky rico rikki riko riley
rimas rin rina rita riya roan rob robbie robbin robby robert roberta roberto robyn rocco rochele
rochelle rocio roderick rodger rodney rodolfo rodrigo roel rogelio roger roghayyeh rohan roland
rolanda rolando rolf roman romeo ron ronald ronan ronda roni ronna ronnie ronny rory rosa rosalie
rosalina rosalind rosalinda rosalyn rosanna rosanne rosario roscoe roseann roseanne rosella
roselle rosemarie rosemary rosetta rosie roslyn ross rowan rowena roxana roxane roxanna roxanne
roxie roxy roy royce ruben rubin rudolf rudolph rudy rufus rupert russ russel russell ruth ruthie
ryan ryou saanvi sabina sabine sabrina sade sadie saeed sahar saida sakeena sakineh sakura sal
salik sallie sally salma salome salvatore sam samantha sami samir samira samkelo sammie sammy
samuel sandeep sandra sandro sanjay santino saqib sara sarah sarina sasha satoshi saul savanna
savannah scarlett scot scott scottie scotty seamus sean sebastian sebastien sekou selena selene
selim selina selma sepp serena serge sergei sergey sergio serife setayesh seth sevda sevinj
seymour shahd shahid shaikha shaim shaimaa shakira shana shanaya shanda shane shania shanna
shannon shanon shaquille shari sharlene sharon sharron sharyn shaun shauna shawn shawna shay
shayla shayma shayna shayne shea sheba sheena sheila shelby sheldon shelia shelley shelly shelton
sheri sheridan sherifa sherman sherri sherrie sherry sheryl shiloh shira shirley shirli shirly
shlomo shona shristi shyla sid siddhartha sidney sierra sigmund silas sillin silvia silvio simon
simona simone sindy siobhan sita siti siyabonga skip skye slobodan snezana sobia sofia sofie
sofija solomon somayyeh sondra sonia sonja sonya sophia sophie soren souleymane souta spencer
spike sri stacey staci stacie stacy stan stanislav stanislaw stanley starla stefan stefanie
stefano stefanos stela stella stephan stephane stephanie stephen steve steven stevie stew stewart
stu stuart sue suha sumayah sumit sunita suraj suresh susan susana susane susanna susannah susanne
susi susie suzan suzana suzane suzanna suzanne suzette suzie suzy sven svend sybil syd syed
sylvester sylvia sylvie szymon tabatha tabitha tadgh taha taichi taika tala talia talitha tamar
tamara tamera tami tamika tammi tammie tammy tamra tania tanika tanisha tanner tanya tara tarana
tareq taryn tasha tatiana tatsuki tawana ted teddy tegan teodora terence teresa tereza teri
terrance terrell terrence terri terrie terry tess tessa tessie thad thaddeus thalia thandolwethu
thea thelma theo theodor theodora theodore theresa therese thiago thom thomas thomasina tia tiana
tianna tiara tiffany tim timmy timothy tina tingting tisha titus tobias toby tod todd tom tomas
tomasz tommaso tommie tommy tomoharu toni tonia tony tonya tora tori tracey traci tracie tracy
travis trent trenton trevor trey tricia trina trish trisha trista tristan troy trudy truman tui
tula tunar turki ty tyler tyra tyrone tyson ughur ugne ulrich ulrik ulysses umberto unax uri
ursula urte usha usman uxue val valentin valentina valentine valeria valerie valery vance vanesa
vanessa vasily veda velma vera vern verna vernice vernon veronica vesna vic vicente vicki vickie
vicky victor vihaan vikky viktor viktoria viktorie viktorija vilte vince vincent vincenzo violeta
virgil vivaan vivek vivian viviana vivien vivienne vlad vladimir vladislav vojtech volodymyr
vusala wade wakana wallace wally walt walter wanda waylon wayne wei wendell wendi wendy werner wes
wesley weston whitney whitni whitny widelene wila wilbert wilbur wiley wilfred wilfredo wilfrid
wilfried wilhelm wilhelmina willa willard william willie willis willow willy wilma winfried
winifred winnie winnifred winona winslow winston wojciech wolfgang woodrow wout wouter wyatt
xavier xhoel xiaomei xiaoyan ximena xinyi yael yagmur yahli yan yanis yann yannick yarin yaroslav
yasmin yasmine yassin yassine yelena yesenia yevgeni yevgeny ying yolanda yonas yonatan yonathan
yong yosef yousouf youssef yuen yuina yuna yuri yuriy yury yusif yusuf yuuma yuval yvette yvona
yvone yvonna yvonne zac zach zachariah zachary zachery zack zackary zada zahid zahra zainab
zakaria zan zane zara zehra zeinab zelda zelma zena zeynab zeynep zineb zoe zoey zofia zola zora
zoran zsofia
`;

export const NOT_SURNAMES = `
& 23andme 4chan a aalborg aarhus abandon abandoned abandoning abandonings abandons abba abduct
abducted abducting abducts aberrant abet abets abide abides abiding abidjan abject ablaze able
aboard abolish abolished abolishes abolishing abort aborted aborting aborts abound abounded
abounding abounds about above abreast abroad abrupt abscond absconded absconding absconds absent
absolute absolve absolved absolves absolving absorb absorbed absorbing absorbs abstract abstruse
absurd abundant abused abuses abusing ac/dc academic academics accelerate accelerated accelerates
accelerating accented accenting accents accept accepted accepting accepts accessed accesses
accessing accidents acclimate acclimated acclimates acclimating accommodate accommodated
accommodates accommodating accompanied accompanies accompany accompanying accomplish accomplished
accomplishes accomplishing accorded according accords accost accosted accosting accosts account
accounted accounting accountings accounts accra accruals accrue accrued accrues accruing accurate
accuse accused accuses accusing accustom accustomed accustoming accustoms aced acer aces acetates
ache ached aches achieve achieved achieves achieving aching acid acing acknowledge acknowledged
acknowledges acknowledging acoustics acquiesce acquiesced acquiescent acquiesces acquiescing
acquire acquired acquires acquiring acquittals acre acres across acted acting actings activate
activated activates activating activision acts actual acute adamant adapt adapted adapting adapts
add added addenda addicted addicting adding addressed addresses addressing adds adept adequate
adidas adjectives adjourn adjourned adjourning adjourns adjust adjusted adjusting adjusts
administer administered administering administers admit admits admitted admitting adolescent
adolescents adopt adopted adopting adopts adorn adorned adorning adorns adsorb adsorbed adsorbing
adsorbs adult adults advance advanced advances advancing advantages adverse advertise advertised
advertises advertising advertisings advice advocated advocates advocating aerobics aerodynamics
aeronautics aerosmith affect affected affecting affectionate affects affiliated affiliating affix
affixed affixes affixing affluent afford afforded affording affords afghan afghanistan afraid
african after again against agartala age aged ages aggressive agile aging agings ago agonize
agonized agonizes agonizing agonze agonzed agonzes agonzing agree agreeable agreed agreeing agrees
ah aha ahead ahem ahh ahmedabad ahoy aided aiding aids aig aimed aiming aims airbnb aircraft aired
airing airs aizawl aka alarm alarmed alarming alarms alas albania albanian albuquerque alcatel
alcoholic aleppo alert alerts alfredoes algae algeria algerian algiers aliens alight alighted
alighting alights align aligned aligning aligns alike alive alkaline all allege alleged alleges
alleging allergies allies allot allots allotted allotting allow allowed allowing allows allude
alluded alludes alluding alluring alluringing allurings almas almaty almost alone along alongside
aloof already alright also altair alter altered altering alternate alternative alternatives alters
although altogether alumnae alumni always amalgamate amalgamated amalgamates amalgamating
amaravati amaze amazed amazes amazing amc amd amen amends america american amid amidst amman
amnesty among amongst ample amsterdam amt amtrak amuse amused amuses amusing an anaheim analyse
analysed analyses analysing anapolis anchorage anchored anchoring anchors ancona and andorra
anecdotes angered angering angers angola angolan angry anguilla animate animated animates
animating anise ankara anneal annealing anneals announce announced announces announcing annoy
annoyed annoying annoys annul annulled annuls anomalies another answered answering answers
antarctic antarctica antarctics antennae anticipate anticipated anticipates anticipating antidotes
antiquated antique antsy antwerp any anymore anyone anything anyway aol apart appalled appalling
apparent appeal appealed appealing appeals appear appeared appearing appears appease appeased
appeases appeasing appendices appetites appetizing applebees applied applies apply applying
appoint appointed appointing appoints appraise appraised appraises appraising appreciate
appreciated appreciates appreciating approach approached approaches approaching approachings
appropriate approve approved approves approving approximate approximated approximates
approximating april apropos apt aqaba arab arabs arbitrary arbys arched arches arching architected
architecting archival archived archives archiving arctic arctics argentina argentine argh argos
argue argued argues arguing arguings arise arises arising arithmetic arlington arm armco armed
armenia armenian arming armoured armouring armours arms arose around arouse aroused arouses
arousing arrange arranged arranges arranging arrays arrest arrested arresting arrests arrive
arrived arrives arriving arrogant arsenals arsenic articulate articulated articulates articulating
artificial arts artsy aruba as ascents ashdod ashen ashgabat asian aside asked asking asks asleep
aspects aspire aspired aspires aspirin aspiring assail assailed assailing assails assemble
assembled assembles assembling assert asserted asserting asserts assess assessed assesses
assessing assign assigned assigning assigns assisted assisting assists associate associated
associates associating assume assumed assumes assuming assumings assure assured assures assuring
astonish astonished astonishes astonishing astound astounded astounding astounds astute asuncion
at at&t ate athens athletics atlanta atop attach attached attaches attaching attacked attacking
attacks attain attained attaining attains attempted attempting attempts attest attested attesting
attests attics attosecond attoseconds attract attracted attracting attractings attractive attracts
auckland auctioned auctioning auctions audi auditory augment augmented augmenting augments august
aussie austere australia australian austria austrian authentic authorize authorized authorizes
authorizing autodesk autoimmune automate automated automates automating autopsies average avert
averted averting averts avis avocados avoid avoided avoiding avoids avon avril await awaited
awaiting awaits awake award awarded awarding awards aware away awesome awhile awkward axes aye
ayer azerbaijan babysat babysit babysits babysitting babysittings bacardi bacilli backed backfire
backfired backfires backfiring backing backings backs backward backwards bad baffle baffled
baffles baffling baggage baghdad bah bahamas bahrain baidu bailed bailing bails bake baked bakers
bakersfield bakes baking bakings baku balance balanced balances balancing bald bam banded banding
bands bandung bangalore banged banging bangkok bangladesh bangladeshi bangs banked bankings
bankrupt bankrupted bankrupting bankrupts bankses banned banning bans baotou barbados barcelona
bare bargained bargaining bargains barged barges barging bari barked barking barks barranquilla
barred barren barriers barring bars base based basel bases basf bashed bashes bashing basing
basrah bass bathe bathed bathes bathing batter battered battering batters battle battled battles
battling battlings bawdy baxter bayer bbc bbl bbps be beans bearing bears beating beats beautiful
beaux became because bechtel become becomes becoming beefed beefing beefs before befriend
befriended befriending befriends beg began begged begging begin beginning beginnings begins begs
beguile beguiled beguiles beguiling behave behaved behaves behaving behead beheaded beheading
beheads beheld behind behold beholding beholds beijing being beirut belarus belarusian belated
belfast belgian belgium belgrade believe believed believes believing belittle belittled belittles
belittling belize bellies belong belonged belonging belongings belongs beloved below belted
belting belts bending bends beneath benedicts beneficial benefited benefiting benefits bengaluru
benghazi benign benin bent bequeath bequeathed bequeathing bequeaths bergen bergs berlin bermuda
bern beside besides best bestow bestowed bestowing bestows bests bestselling betray betrayed
betraying betrays bets betting bettings between bewilder bewildered bewildering bewilders bewitch
bewitched bewitches bewitching beyond bfgoodrich bhopal bhubaneshwar bhutan bias biased biases
biasing bidding bide bides biding bids biffed biffing big bigtime biked bikes biking billiards
bills bind binding binds biopics biopsies biopsying bipartisan birmingham bison bitch bitched
bitches bitching bitchings bites biting bitings bits bitter bitting bizarre black blacked blacking
blacks blamed blames blaming bland blank blanked blanking blanks blast blasted blasting blasts
blazed blazing bled bleed bleeding bleeds blemishes blended blending blends bless blessed blesses
blessing blessings blew blind blinded blinding blinked blinking blinks blithe blitzed blitzes
blitzing bloat bloated bloating bloatings bloats blocked blocking blocks blond blood bloody
bloomingdale blossomed blossoming blow blowing blows blue blunt blunted blunting blunts blurred
blurring blurs blurt blurted blurting blurts bmw bni boarded boarding boards boasted boasting
boasts boat boated boating boatings boats bobbed bobbing bodies boeing bogged boggle boggled
boggles boggling bogota bogs bogus boil boiled boiling boils bold boldface bolivia bolivian
bolster bolstered bolstering bolsters bomb bombard bombarded bombardier bombarding bombards bombed
bombing bombings bombs bonafide bonaire bonded bonding bonds boned bones boning boo booked booking
bookings bookkeep bookkeeping bookkeepings bookkeeps bookkept books boom boomed booming booms
boosted boosting boosts booting boots booya bordered bordering borders bore bored bores boring
born boroughs borrow borrowed borrowing borrows bos bosnian bossed bosses bossing boston both
bother bothered bothering bothers botswana bottled bottles bottling bottom bottoms bought bounce
bounced bounces bouncing bouncy bound bourgeois bourgeoises bout bowling bowls boxed boxes boxing
boycotted boycotts bp brake brakes braking branched branches branching brand branded brandies
branding brandings brands brash brasilia bratislava brave bravo brazil brazilian brazzaville
breached breaches breaching bread breadth breakfasts breaking breaks breakthroughs breastfeed
breastfeeding breastfeeds breathe breathed breathes breathing breathings breathtake breathtakes
breathtaking breathtook bred breeding breeds brexiteers bribed bribes bribing bricks bridged
bridges bridging brief briefs bright brighten brightened brightening brightens brilliant bring
bringing brings brisbane brisk bristol brit broad broadcasting broadcastings broadcasts broaden
broadened broadening broadens broke broken bronze brought brr bruise bruised bruises bruising
brunei brushed brushes brushing brussels brute brutes btw bubbled bubbles bubbling bucharest
bucked bucking buckled buckles buckling bud budapest budding buded budgeting budgetings budgets
buds buff buffered buffering buffers build building buildings builds bulgaria bulgarian bulk
bulked bulking bulks bullied bullies bully bullying bullyings bumped bumping bumps bundle bundled
bundles bundling bunnies bunting burdened burdening burdens burgas burglaries burials buried
buries burly burma burned burning burns burnt burp burped burping burpings burps bursa burst
bursting bursts burundi bury burying busan buses busted busting bustle bustled bustles bustling
busts busy but butchered butchering butt butter butterflies butts butuan buy buying buys buzzed
buzzes buzzing by bye bypassed bypasses bypassing byte bytes cacti cad cadbury cadillac cage caged
cages cagey caging cagliari cahiers cairo caked cakes caking calculate calculated calculates
calculating calgary californian called calling calls calm calmed calming calms calories camayenne
cambodia cambodian came cameroon cameroonian camp camped camping campings camps cams can canada
canadian canals canaries canberra cancel cancelled cancelling cancels cancun canes cannibals
cannot canoeing canoes cantons capitals capped capping caps captivate captivated captivates
captivating captured captures capturing caracas carat carats carbohydrates carded cardiac cardiff
carding cards care cared careen careened careening careens careful cares caring carried carriers
carries carry carrying cars carve carved carves carving carvings cashed cashes cashing casting
castings casts catalogged cataloging catalogs catania catches catching cater catered catering
caterings caterpillars caters cathedrals caucuses caught caulk caulked caulking caulks caused
causes causing cautioned cautioning cautions caved caves caving cbc cease ceased ceases ceasing
cebu ceilings celcius celebate celebrate celebrated celebrates celebrating celebratings cellars
celsius centered centering centers centigram centigrams centiliter centiliters centimeter
centimeters centralize centralized centralizes centralizing centred centres centring cereals
certain certificates certified certifies certify certifying chadian chained chaining chains
chaired chairing chairs challenge challenged challenges challenging chamberses championed
championing chandeliers changchun change changed changes changing changsha changzhou channelled
channelling channels chant chanted chanting chantings chants chaos characteristics charge charged
charges charging charities charm charmed charming charms charted charting charts chased chasing
chat chateaux chats chatted chatting chattings chattogram chauffeured chauffeuring cheap cheated
cheating cheats checked checking checks cheered cheering cheerings cheers cheery cheese cheesy
chengdu chengzhong chennai cheques cherish cherished cherishes cherishing chevron chevy chew
chewed chewing chews chewy chez chicago chickens chief chiefs chile chilean chill chilled chilling
chills chilly china chinese chins chintzy chipping chips chirp chirped chirping chirps chittagong
chocolates chongqing choose chooses choosing chop chopped chopping chops chose christchurch
christians chrysanthemums chucked chucking cia circa circled circles circling circumspect
circumvent circumvented circumventing circumvents circuses cisco cite cited cites cities citigroup
citing civics civil claimed claiming claims clap clapped clapping clappings claps classic classics
classified classifies classify classifying clawed clawing claws clean cleaned cleaning cleanings
cleans cleanse cleansed cleanses cleansing clear cleared clearing clearings clears clergies
cleveland clever clicked clicking clicks clients cliffs climb climbed climbing climbings climbs
cling clinging clings clinics clipping clips clockwise clone cloned clones cloning clonings close
closed closes closing clothes clothing clothings cloths clouded cloudflare clouding clouds cloudy
club clubbed clubbing clubbings clubs clutter cluttered cluttering clutters cm2 cm3 cmon cm² cm³
cnn coach coached coaches coaching coachings coal coalesce coalesced coalesces coalescing coarse
coat coated coating coatings coats code coded codes coding codings coefficients coerce coerced
coerces coercing coercive coexist coexisted coexisting coexists cogent cognizant cohabit cohabited
cohabiting cohabits coinbase coincide coincided coincides coinciding coined coining coins cokes
cold coldplay colgate colics collapsed collapses collapsing collars collect collected collecting
collectings collects collide collided collides colliding collude colluded colludes colluding
cologne colombia colombian colombo colonial colored coloring coloringing colorings colors colossal
colour coloured colouring colours comatose combating combats combatted combine combined combines
combining combust combusted combusting combusts comcast come comes comfort comforted comforting
comforts comic comics coming command commanded commanding commands commence commenced commences
commencing commensurate commentary commented commenting comments commercial commercials commits
committed committing common communicate communicated communicates communicating communicatings
communiques communist communists commuted commutes commuting comoros companion companions compaq
compassionate compel compelled compelling compels compete competed competes competing compile
compiled compiles compiling complain complained complaining complainings complains complemented
complementing complements complete completed completes completing complex complexes complicate
complicated complicates complicating complied complies comply complying compose composed composes
composing composings compounded compounding compounds compromise compromised compromises
compromising compulsory conakry concave conceal concealed concealing conceals conceited conceive
conceived conceives conceiving concentrate concentrated concentrates concentrating concern
concerned concerning concerns concise conclude concluded concludes concluding concrete concretes
concur concurred concurring concurs condemn condemned condemning condemns condense condensed
condenses condensing condescending condone condoned condones condoning conducive conduct conducted
conducting conductings conducts confess confessed confesses confessing confide confided confides
confiding configure configured configures configuring confirm confirmed confirming confirms
conflict conflicted conflicting conflicts conform conformed conforming conforms confront
confronted confronting confronts confuse confused confuses confusing confusion conglomerated
conglomerates conglomerating congolese congratulations congruent conjoint conjugal conjugate
conjugated conjugates conjugating conjure conjured conjures conjuring connote connoted connotes
connoting conquer conquered conquering conquers conscripted conscripting consented consenting
consents consequent conservatories conserve conserved conserves conserving consider considered
considering considers consist consisted consisting consists consolidate consolidated consolidates
consolidating conspire conspired conspires conspiring constant constanta constituent constituents
constitute constituted constitutes constituting constrain constrained constraining constrains
construct constructed constructing constructings constructs consulates consult consulted
consulting consultings consults consume consumed consumes consuming consummate consummated
consummates consummating contacted contacting contacts contain contained containing contains
contemporaries contemporary content contents continue continued continues continuing contradictory
contrary contrast contrasted contrasting contrasts contribute contributed contributes contributing
contrite control controlled controlling controls convene convened convenes convening converge
converged converges converging convertable convertables converted converting converts convey
conveyed conveying conveys convince convinced convinces convincing convincings cooked cookies
cooking cookings cooks cool cooled cooling cools cooperative cooperatives coordinated coordinates
coordinating coors cope coped copenhagen copes copied copiers copies coping copings copying coral
cordoba cored cores coring cork corpora corporate corrals correct corrected correcting corrects
correspond corresponded corresponding corresponds corrode corroded corrodes corroding corrupt
corrupted corrupting corrupts cos costco costing costly costs cottages cotton coughed coughing
coughs could coulomb coulombs counselled counselling counsels counted counterclockwise counterfeit
counterfeited counterfeiting counterfeits counting counts coupled couples coupling courted
courting courts couscous cousins cover covered covering coverings covers covert cowabunga cowardly
coy coyotes coz cozy cracked cracking cracks craft crafted crafting craftings crafts crafty
craigslist craiova cramp cramped cramping cramps crashed crashes crashing crave craved craven
craves craving crawl crawling crawlings crawls crazed create created creates creating credited
crediting credits creeping creeps creepy crept cried cries cripple crippled cripples crippling
crises crisp criteria croat croatia croatian cropped cropping crops crossed crosses crossing
crossings crossrail crowded crowding crowds crucial crucibles crude crudes cruel crumble crumbled
crumbles crumbling crush crushed crushes crushing crying cryings crystalline crystals cuba cuban
cubed cubes cubing cuddly cued cueing cues cultivate cultivated cultivates cultivating cunning
cunnings curacao curbed curbing curbs cure cured cures curing curitiba curl curled curling
curlings curls curly curmudgeonly currency curricula curtail curtailed curtailing curtails curved
curves curving customary customize customized customizes customizing cute cutesy cuts cutting cuz
cycle cycled cycles cycling cyclings cyprus czech czechia d'oh dabbed dabbing dabs dadonghai daegu
daejeon daily daimler daisies dakar dalian dallas dam damage damaged damages damaging damascus
dammit damn damnit damp damped dampen dampened dampening dampens damping damps dams dance danced
dances dancing dancings dane dang dangerous dapper dare dared dares daring dark darken darkened
darkening darkens darks darling darlings darted darting darts dash dashed dashes dashing databases
date dated dates dating datings daugavpils daunt daunted daunting daunts dawns daze dazed dazes
dazing dazzle dazzled dazzles dazzling de dea dead deadly deadpan deaf deafen deafened deafening
deafens dealing deals dealt deans dear deathbeds deaths debark debarked debarking debarks debate
debated debates debating debatings debilitate debilitated debilitates debilitating debrief
debriefed debriefing debriefs debug debugged debugging debugs debunk debunking debunks debuted
debuts decals decay decayed decaying decays deceased deceive deceived deceives deceiving december
decentralize decentralized decentralizes decentralizing decide decided decides deciding decigram
decigrams deciliter deciliters decimals decimate decimated decimates decimating decimeter
decimeters decipher deciphered deciphering deciphers declare declared declares declaring decline
declined declines declining decode decoded decodes decoding decommission decommissioned
decommissioning decommissions decompose decomposed decomposes decomposing decorate decorated
decorates decorating decoratings decouple decoupled decouples decoupling decrease decreased
decreases decreasing decree decreed decreeing decrees decried decries decry decrying decrypt
decrypted decrypting decrypts dedicate dedicated dedicates dedicating deduct deducted deducting
deducts deep deepen deepened deepening deepens deface defaced defaces defacing defeated defeating
defeats defected defecting defects defer deferrals deferred deferring defers defiant defied defies
define defined defines defining definite definitely deform deformed deforming deforms defraud
defrauded defrauds defuse defused defuses defusing defy defying degenerate degrade degraded
degrades degrading dehradun dejas delay delayed delaying delays delegate delegated delegates
delegating delegatings delhi deliberate deliberated deliberates deliberating delicate delight
delighted delightful delighting delights delimit delimited delimiting delimits deliver delivered
delivering deliverings delivers dell demand demanded demanding demands demean demeaning demeans
demise demographic demographics demolish demolished demolishes demolishing demoralize demoralized
demoralizes demoralizing demure denials denied denies denmark denote denoted denotes denoting
denounce denounced denounces denouncing dense denver deny denying depart departed departing
departs dependent depict depicted depicting depicts deplore deplored deplores deploring deploy
deployed deploying deploys deport deported deporting deports deposited depositing deposits depress
depressed depresses depressing derail derailed derailing derails derange deranged deranges
deranging derelict derivative derivatives derive derived derives deriving des deserted deserting
deserts deserve deserved deserves deserving designed designing designs desired desires desiring
desist desisted desisting desists desperate despite despondent destitute desultory detach detached
detaches detaching detail detailed detailing details determine determined determines determining
deterrents detroit devastate devastated devastates devastating develop developed developing
developings develops devoid devolve devolved devolves devolving devote devoted devotes devoting
devout dhaka diabetes diagnose diagnosed diagnoses diagnosing dialects dice dickens dicks did
didactic die died dies differ differed differing differs difficult diffuse diffused diffuses
diffusing dig digested digesting digests digging dignified dignifies dignify dignifying
dignitaries digs dim diminish diminished diminishes diminishing dine dined dines dining dinners
dipped dipping dips dire direct directed directing directings directly directs dirty disable
disabled disables disabling disappoint disappointed disappointing disappoints disarm disarmed
disarming disarms disband disbanded disbanding disbands disburse disbursed disburses disbursing
discard discarded discarding discards discern discerned discerning discerns discharged discharges
discharging discipline disciplined disciplines disciplining disclaim disclaimed disclaiming
disclaims disclose disclosed discloses disclosing discontents discount discounted discounting
discounts discourage discouraged discourages discouraging discover discovered discovering
discoverings discovers discreet discrete discuss discussed discusses discussing diseased
disgruntle disgruntled disgruntles disgruntling disguised disguises disguising disgust disgusted
disgusting disgusts dishearten disheartened disheartening disheartens dished dishes dishing
dishonesty disincentives disjoint disliked dislikes disliking dislodge dislodged dislodges
dislodging dismantle dismantled dismantles dismantling disney disparate dispatched dispatches
dispatching dispense dispensed dispenses dispensing disperse dispersed disperses dispersing
displace displaced displaces displacing displayed displaying displays displease displeased
displeases displeasing dispose disposed disposes disposing dispositions disprove disproved
disproves disproving dispur disputed disputes disputing disrepute disrupt disrupted disrupting
disrupts dissent dissented dissenting dissents dissolve dissolved dissolves dissolving dissuade
dissuaded dissuades dissuading distant distil distill distilled distilling distills distils
distinct distinguish distinguished distinguishes distinguishing distort distorted distorting
distorts distract distracted distracting distracts distress distressed distresses distressing
districts disturb disturbed disturbing disturbs ditched ditches ditching dive diverge diverged
divergent diverges diverging diverse divert diverted diverting diverts dives divest divested
divesting divests divided dividends divides dividing divine diving divings divorced divorces
divorcing divulge divulged divulges divulging dixies dizzy dizzying djibouti djs dm2 dm3 dm² dm³
do docile docked docking docks doctorates doctored doctoring documentaries documented documenting
documents dodged dodges dodging does doggies doha doilies doin doing doj dole doled doles doling
dollies dominant dominica dominican done dongguan doors dope dormant dortmund dossiers doting
double doubled doubles doubling doubt doubted doubtful doubting doubtings doubts down downloaded
downloading downloads downsides downstairs drafted drafting drafts dragged dragging dragonflies
drags drain drained draining drains drank drat draughts draw drawing drawings draws dream dreamed
dreaming dreamings dreams dreary dredge dredged dredges dredging dresden dressed dresses dressing
dressings drewed drewing dribble dribbled dribbles dribbling dribblings dried driers dries drift
drifted drifting drifts drilled drilling drills drink drinking drinkings drinks dripped dripping
drips drive drives driving drivings droned drones droning dropped dropping drops drove drown
drowned drowning drowns drowsy drum drummed drumming drums drunk dry drying du dubai dubbed
dubbing dublin dubs due duelled duelling duels duesseldorf dug duh dull dulled dulling dulls dumb
dump dumped dumping dumpings dumps dunkirk duplicated duplicates duplicating dupont durban during
dushanbe dutch dwell dwelled dwelling dwellings dwells dwindle dwindled dwindles dwindling dyed
dyeing dyes dying dynasty each eager earls early earmark earmarked earmarking earmarks earn earned
earning earnings earns earth earthly east eastern easy easygoing eat eating eatings eats ebay
echoed echoes echoing economics economies ecuador ecuadorian eddies edged edges edging edified
edifies edify edifying edinburgh edit edited editing edits edmonton educate educated educates
educating educatings education eek eep eerie effected effecting effects efficient effigies eggs
egypt egyptian eh eindhoven either el elaborate elaborated elaborates elaborating elapse elapsed
elapses elapsing elate elated elates elating elder elderly elders elect elected electing
electorates electricity electrified electrifies electrify electrifying electronics elects elegant
elicit elicited eliciting elicits elite elites elle eloquent else elucidate elucidated elucidates
elucidating elude eluded eludes eluding emaciate emaciated emaciates emaciating embalm embalmed
embalming embalms embargoes embark embarked embarking embarks embarrass embarrassed embarrasses
embarrassing embassies embodied embodies embody embodying embrace embraced embraces embracing
embroider embroidered embroidering embroiders embroil embroiled embroiling embroils emerge emerged
emergent emerges emerging eminent emirati emirs emphasize emphasized emphasizes emphasizing
empower empowered empowering empowers emptied empties empty emptying enable enabled enables
enabling enact enacted enacting enacts enamored enchant enchanted enchanting enchantings enchants
encircle encircled encircles encircling enclose enclosed encloses enclosing encountered
encountering encounters encourage encouraged encourages encouraging encroach encroached encroaches
encroaching encrypt encrypted encrypting encrypts encumber encumbered encumbering encumbers
endanger endangered endangering endangers endear endeared endearing endears ended ending endings
endorse endorsed endorses endorsing endow endowed endowing endows ends endure endured endures
enduring energies energize energized energizes energizing enforce enforced enforces enforcing
engage engaged engages engaging engender engendered engendering engenders engineer engineered
engineering engineerings engineers england englishman engrave engraved engraves engraving engulf
engulfed engulfing engulfs enhance enhanced enhances enhancing enjoy enjoyed enjoying enjoyment
enjoys enlarge enlarged enlarges enlarging enlist enlisted enlisting enlists enliven enlivened
enlivening enlivens enough enquire enquired enquires enquiring enrich enriched enriches enriching
enrol enroll enrolled enrolling enrolls enrols ensue ensued ensues ensuing ensure ensured ensures
ensuring enter entered entering enterprises enters entertainment enthral enthralling enthrals
entice enticed entices enticing entire entrain entrained entraining entrains entrench entrenched
entrenches entrenching entrust entrusted entrusting entrusts envelop enveloped enveloping envelops
envied envies envisage envisaged envisages envisaging envision envisioned envisioning envisions
envying epic epics epidemics epochs equal equip equipment equipped equipping equips erase erased
erases erasing erect eritrea erstwhile erupt erupted erupting erupts esa escape escaped escapes
escaping eschew eschewed eschewing eschews espouse espoused espouses espousing essential establish
established establishes establishing estates estimated estimates estimating estonia estonian etch
etched etches etching ethereal ethics ethiopia ethiopian eu eulas eureka european eurosceptics
evaluate evaluated evaluates evaluating even evenings events ever every everybody everyday
everyone everything eves evil evoke evoked evokes evoking evolve evolved evolves evolving eww
exabyte exabytes exact exacting exaggerate exaggerated exaggerates exaggerating exalt exalted
exalting exalts examine examined examines examining examples exasperate exasperated exasperates
exasperating exceed exceeded exceeding exceeds excelled excelling excels except excess excesses
exchanged exchanges exchanging excite excited excites exciting exclaim exclaimed exclaiming
exclaims exclude excluded excludes excluding excused excuses excusing executive executives
exemplars exempt exempted exempting exempts exercise exercised exercises exercising exercisings
exert exerted exerting exerts exhale exhaled exhales exhaling exhaust exhausted exhausting
exhausts exhibited exhibiting exhibits exhilarate exhilarated exhilarates exhilarating exhort
exhorted exhorting exhorts exhume exhumed exhumes exhuming exist existed existence existing exists
exit exited exiting exits expand expanded expanding expands expect expected expecting expects
expedient expedite expedited expedites expediting expel expelled expelling expels experience
experienced experiences experiencing experimented experimenting experiments expert expertise
experts expire expired expires expiring explain explained explaining explains explicit explode
exploded explodes exploding exploit exploited exploiting exploits explore explored explores
exploring explorings exported exporting exports expose exposed exposes exposing express expressed
expresses expressing expunge expunged expunges exquisite extend extended extending extends extents
extinguish extinguished extinguishes extinguishing extol extolled extolling extols extra extracted
extracting extracts extravagant extreme exuberant exude exuded exudes exuding exultant exxonmobil
eyeballing eyeballs eyed eyeing eyelids eyes fabled fabrics facebook faced faces facing fade faded
fades fading fahrenheit fail failed failing fails faint fainted fainting faints fair fairs
faisalabad faiths fake faked fakes faking falling falls false falter faltered faltering falters
famed familiar families fancied fancies fancy fancying fannies far farad farads farewell farmed
farming farmings farms fascinate fascinated fascinates fascinating fascinatings fast fasted fasten
fastened fastening fastens fasting fasts fat fate fats fatten fattened fattening fattens faulty
faux favorite favorites favoured favouring favourite favourites favours fbi fda fear feared
fearing fears featured features featuring february fed fedex feeble feeding feeds feeling feelings
feels fell fellow fellows felt female females feminine feminist feminists femtosecond femtoseconds
fenced fences fencing fencings fend fended fending fends ferment fermented fermenting ferments
ferns fertile fervent fes fess fessed fesses fessing fetch fetched fetches fetching fetishes few
fiat fiction fielded fielding fields fieldses fiends fierce fiery fifa fighting fightings fights
figured figures figuring fiji filed files filing filings filipino fill filled filling fillings
fills filmed filming films filtered filtering filters final finance financed finances financial
financing financings find finding findings finds fine fines finished finishes finishing finite
finland finns fired fireflies fires firestone firing firm firmed firming firms fished fishes
fishing fishings fits fitted fitting fix fixed fixes fixing fizzle fizzled fizzles fizzling
flagged flagging flagrant flags flaked flakes flaking flamed flames flaming flared flares flaring
flashed flashes flashing flat flatten flattened flattening flattens flatter flattered flattering
flatters flavor flavored flavoring flavors flavour flavoured flavouring flavours fled flee fleeing
flees fleshed fleshes fleshing flew flies fling flinging flings flipping flips flirt flirted
flirting flirtings flirts flirty float floated floating floats flocked flocking flocks flood
flooded flooding floodings floods flos flour flow flowed flower flowered flowering flowers flowery
flowing flows fluent fluid fluids flung fluorescent fluster flustered flustering flusters flutes
flying foamy focus focused focuses focusing fogged fogging fogs foiled foiling foils folded
folding folds folksy follies follow followed following follows fond food fooled fooling foolish
fools for forbade forbid forbidding forbids forced forces forcing ford foreboding forebodinging
forebodings forecasting forecastings forecasts foreclose foreclosed forecloses foreclosing forego
foregoes foregoing foreign foresaw foresee foreseeable foreseeing foresees foreshadow foreshadowed
foreshadowing foreshadows forever forewarn forewarned forewarning forewarns forewent forfeit
forfeited forfeiting forfeits forgave forge forged forges forget forgetful forgets forgetting
forging forgive forgiveness forgives forgiving forgot fork forked forking forks formal format
formats formatted formatting formattings formed former forming forms formulae forsake forsakes
forsaking forsook fortaleza forthcome forthcomes forthcoming fortunate forwarded forwarding
forwards foshan fostered fostering fought foul fouled fouling fouls found founding fourier
foursomes fowl foxcon fracture fractured fractures fracturing fragile fragment fragmented
fragmenting fragments fragmes fragming fragrant frail frame framed frames framing france
franchised franchises franchising frankfurt frantic free freed freeing frees freeze freezes
freezing french frequent fresh freshen freshened freshening freshens fresno fretful fri friday
fridays fried friendly fries frigates frighten frightened frightening frightens frilly fringe
fringed fringes fringing frolic frolics from frontiers frost frosted frosting frostings frosts
frowned frowning frowns froze frozen frugal frustrate frustrated frustrates frustrating frying ft2
ft3 ft² ft³ fucked fucking fucks fuelled fuelling fuels fugitive fugitives fukuyama fulfil fulfill
fulfilled fulfilling fulfills fulfils full fully fun functioned functioning functions fund funded
funding fundings fundraise fundraised fundraises fundraising funds funerals fungi funny furnish
furnished furnishes furnishing furniture furry further furthermore fussed fusses fussing future
futures fuzzed fuzzes fuzzing g8 gabon gad gadflies gads gagged gagging gags gah gails gained
gainful gaining gains gallon gallons galway gambia gambian gamed games gaming gandhinagar ganging
gangs gangtok garden gardened gardening gardenings gardens garlics garnishes gases gassed gassing
gated gates gather gathered gathering gatherings gathers gating gauche gaudy gave gay gaza gazed
gazes gazing gbps gdansk gearing gears gee geeks geese gelatins genera general generals generate
generated generates generating generatings generic genes genetics geneva genious geniouses genoa
gentle genuine georgian german germany get gets getting ghana ghanaian ghastly ghent ghostly ghq
giant gibraltar giddy gift gifted gifting gifts gigabyte gigabytes gigantic giggle giggled giggles
giggling gills github give gives giving giza glaciers glad glare glared glares glaring glasgow
gleam gleamed gleaming gleams glean gleaned gleaning gleans glencore glib glide glides gliding
glidings global gloomy glossed glosses glossing glowed glowing glows glued glues gluing gluten
glycerin gmb go goes going gold golden golds golf golly gonna good goodbye goodyear goofed goofing
goofs goofy google gore gosh gossiped gossiping gossips got gothenburg gought govern governed
governing governs grab grabbed grabbing grabs graced graceful gracing graded grades grading
graduated graduating gram grams granaries grand granite grannies granted granting graphic graphics
grapple grappled grapples grappling grasped grasping grasps grass grate grated grateful grates
gratified gratifies gratify gratifying grating gratis grave graves gray graz graze grazed grazes
grazing greasy great greece greed greedy greek green greenland greens greet greeted greeting
greetings greets grenada grenadiers grew grey grids grieve grieved grieves grieving grievings
grill grilled grilling grills grim grinding grinds grip gripped gripping grips grisly grizzled
groomed grooming groovy gross groundbreak groundbreaking groundbreaks grounded grounding grounds
grow growing grows growthed growthing growths grr gruel grueling gruelled gruelling gruels
gruesome grumbled grumbles grumbling guadalajara guadalupe guadeloupe guam guangzhou guaranteed
guaranteeing guarantees guard guarded guarding guards guatemala guatemalan guayaquil gucci
guernsey guessed guesses guessing guide guided guides guiding guidings guilty guinea gujrat
gullies gulped gulping gulps gum gunning guns guyana guys gymnastics gypsies hacked hacking hacks
had haha hahaha hai haifa hair hairy haiti haitian half halibut halifax hallelujah halliburton
hallowed halls halos halves hamburg hammer hammered hammering hammers hamper hampered hampering
hampers hams handed handfuls handing handle handled handles handling handlings hands handsome
handsy handy hang hanging hangs hangzhou hanker hankered hankering hankers hannover hanoi happen
happened happening happens happiness happy harangue harangued harangues haranguing harass harassed
harasses harassing harbin harboured harbouring harbours hard hardcore hardworking hardy harm
harmed harming harms harnessed harnesses harnessing harrowing harrowings harsh harvest harvested
harvesting harvestings harvests has hasbro hashed hashes hashing hashish haste hatched hatches
hatching hated hateful hates hating haunted haunting haunts havana have havens having hazed hazels
hazes hazing he headed heading headphones headquarters heads heady heal healed healing heals hear
heard hearing hears heartwarm heartwarmed heartwarming heartwarms hearty heated heating heatings
heats heavenly heavens heavy heck hectare hectares hectogram hectograms hedged hedges hedging hee
hefei hefty heighten heightened heightening heightens heists held hella hellish hello helped
helpful helping helps helsinki hence heraklion herbs here hertz hertzs hesitant hey hi hid hide
hides hiding high highfalutin highlighted highlighting highlights highrises hijack hijacked
hijacking hijacks hike hiked hikes hiking hikings hills hilly him hinder hindered hindering
hinders hindi hinted hinting hints hippopotami hire hired hires hiring hirings hispanic history
hitachi hits hitting hizbollah hoary hobbies hobby hockey hoist hoisted hoisting hoists holding
holdings holds holed holes holing holla hollies hollow hollowed hollowing hollows holy homeless
homelesses homely homes homesick homework homs honda honduran honduras hone honed hones honest
honesty honey honing honolulu honorary honored honoring honors honoured honouring honours hook
hooked hooking hooks hooky hooray hooyah hoped hopes hoping hopped hopping hops hormones horrific
horrified horrifies horrify horrifying horsed horseradish horses horsing hospitality hospitals
hosted hostile hosting hot hotbeds hourly housed houses housing how how's however howl howled
howling howlings howls hsbc huge hugged hugging hugs huh humane humble humbled humdrum humdrums
humid humiliate humiliated humiliates humiliating humph hung hungarian hungary hunger hungry
hunker hunkered hunkering hunkers hunted hunters hunting huntings hunts hurrah hurray hurried
hurries hurry hurrying hurt hurting hurts hush hushed hushes hushing hussies huzzah hyderabad
hyundai i ibadan ibm ice iceland icelandic icing icings icy ideal ideals idle idled idles idling
if ignorance ignorant ignore ignored ignores ignoring ihop ikea il ill illegal illegitimate
illicit illiterate illuminate illuminated illuminates illuminating illustrate illustrated
illustrates illustrating illustratings imagine imagined imagines imagining imaginings imbue imbued
imbues imbuing immature immediate immense immerse immersed immerses immersing imminent impacted
impacting impacts impale impaled impales impaling impart imparted impartial imparting imparts
impatience impending imperfect imperil imperils imphal impinge impinged impinges impinging
implemented implementing implements implicit implied implies implode imploded implodes imploding
implodings imply implying impolite import importance important imported importing imports impose
imposed imposes imposing impoverish impoverished impoverishes impoverishing impress impressed
impresses impressing impressionist impressionists imprison imprisoned imprisoning imprisons
improper improv improve improved improves improving in in2 in3 inaccurate inadequate inane
inappropriate inasmuch inbred incentives incheon incidents incite incited incites inciting
inclined inclines inclining include included includes including incomplete inconsiderate
incorporate incorporated incorporates incorporating incorrect increase increased increases
increasing incumbent incumbents indebt indebted indebting indebts indeed indefinite independent
indeterminate indexed indexing india indian indianapolis indicate indicated indicates indicating
indices indiceses indie indirect individual individuals indonesia indonesian indoor indore indulge
indulged indulgent indulges indulging inept inert infect infected infecting infects inferior
infest infested infesting infests infinite inflate inflated inflates inflating influenced
influences influencing influential inform information informed informing informs infrared
infrequent infuriate infuriated infuriates infuriating infuse infused infuses infusing ing ingest
ingested ingesting ingests ingrown inhabit inhabited inhabiting inhabits inhaled inhales inhaling
inhibit inhibited inhibiting inhibitory inhibits initial initiate initiated initiates initiating
initiatives injure injured injures injuring inked inking inks innate inner innings innocent
innocents innovate innovated innovates innovating innovatings inordinate inquire inquired inquires
inquiring insane insects insecure inserted inserting inserts inside insignificant insist insisted
insisting insists insoluble insolvent inspect inspected inspecting inspectings inspects inspire
inspired inspires inspiring install installed installing installs instant instants instead instil
instilled instils institutes instruct instructed instructing instructs insubordinate insult
insulted insulting insults insure insured insures insuring intact integrate integrated integrates
integrating intel intellects intellegent intend intended intending intends intense intensified
intensifies intensify intensifying intented intenting intents interact interacted interacting
interactings interacts interdependent interest interested interesting interests interfaced
interfaces interfacing interim interims intermediate intern interned internet interning interns
interpol interpret interpreted interpreting interprets interrupt interrupted interrupting
interrupts interstate interview interviewed interviewing interviewings interviews intimate
intimidate intimidated intimidates intimidating into intoxicate intoxicated intoxicates
intoxicating intrigue intrigued intrigues intriguing introduce introduced introduces introducing
intrude intruded intrudes intruding inundate inundated inundates inundating invade invaded invades
invading invaluable invent invented inventing inventings invents invert invertebrates inverted
inverting inverts invest invested investing invests invigorate invigorated invigorates
invigorating invite invited invites inviting invoiced invoices invoicing invoke invoked invokes
invoking involve involved involves involving in² in³ iran iranian iraq iraqi irate ireland
irishman irk irked irking irks irkutsk ironing ironings irons irrelevant irritate irritated
irritates irritating isfahan islamabad islington isolate isolated isolates isolating israel
israeli issued issues issuing istanbul it italian italy itanagar its itv ivorian izmir iztapalapa
jacked jacking jacks jaded jades jag jagged jagging jags jaipur jakarta jamaica jamaican jammed
jams jan january japan japanese jasmines jays jazzed jazzes jeans jeddah jeez jellies jellyfish
jersey jerusalem jewelry jewels jilin jinan jittery jog jogged jogging joggings jogs johannesburg
join joined joining joins joked jokes joking jolies jolly jordanian jot jots joule joules journals
joys jpmorgan jsa judge judged judges judging judgings juggle juggled juggles juggling jugglings
juiced juices juicing juicy july jumped jumping jumps june junior jupiter just justice justices
justified justifies justify justifying justifyings juvenile juveniles juxtapose juxtaposed
juxtaposes juxtaposing kabul kaduna kallakurichi kampala kandahar kandy kano kanpur kaohsiung
kaput karachi karaj karate katv kaunas kawaguchi kazakh kazakhstan kbps keeling keels keen keep
keeping keeps kelvins kenya kenyan kept keyed keying keynotes keys kfc kharkiv khartoum kicked
kicking kickings kicks kidding kidnap kidnaping kidnapped kidnaps kids kiev kill killed killing
killings kills kilo kilobyte kilobytes kilogram kilograms kilometer kilometers kilos kind kinda
kindergarten kindly kings kingston kinshasa kiribati kirkuk kissed kisses kissing kittens kitties
kkk klaipeda klm km/h km2 kmart kmph km² knead kneading kneadings kneads kneel kneeled kneeling
kneels knelt knew knickers knit knits knitted knitting knittings knocked knocking knocks knot
knots knotted know knowing knowledge known knows kodak kohima kolkata kopavogur korea korean
kosice kosovo kowloon krakow kunming kunshan kuwait kuwaiti kyiv kyoto kyrgyzstan labeled
labelling labels laboratories laboring labors laboured labouring labours laced laces lacing lack
lacked lacking lacks lag lagged lagging lagos lags lah lahore laid lame lanced lancing land landed
landing landings lands lanes languid languish languished languishes languishing lanzhou lao lapped
lapping laps lapsed large larvae lash lashed lashes lashing last lasted lasting lasts latched
latches latching late lately latter latters latvia latvian laughed laughing laughings laughs
laughter launched launches launching launder laundered laundering launders lausanne lay layers
laying lays le leached leaches leaching lead leading leads leaked leaking leaks lean leaning leans
leaped leaping leaps leapt learn learned learning learnings learns lease leased leases leasing
leasings least leather leave leaves leaving lebanese lebanon lectured lectures lecturing led
leeched leeches leeching leery left legal legendary legends legitimate leh leicester leipzig
leisure lend lending lends lengthen lengthened lengthening lengthens lenovo lent leos les lesotho
less lessen lessened lessening lessens lesser let lethal lets letting leveled levelling levels
levied levies levying lewd lexis lexmark lexus lg liberal liberals liberia liberian libretti
libreville libya libyan lice license licensed licenses licensing licensings licked licking licks
liechtenstein lied liege lies lifesave lifesaved lifesaves lifesaving lift lifted lifting liftings
lifts light lighten lightened lightening lightens lighthearted lighting lightning lights
lightweight like liked likely likes likewise liking lil lilies lima limassol limes limit limited
limiting limitings limits limp lined lines linger lingered lingering lingers linguistics lining
linked linking links linz lipids liquefied liquefies liquefy liquefying liquid liquidate
liquidated liquidates liquidating liquids lisbon list listed listen listened listening listenings
listens listing listings lists lit liter literal literary literate literature liters lithuania
lithuanian litre litres little live lived lively liven livened livening livens liver liverpool
lives living lmao lmfao loaded loading loads loaned loaning loans loaves lobbied lobbies lobbying
locked locking locks lodge lodged lodges lodging lodgings lofty logged logging logic logistics
logs lol lols london lonely long longstanding longterm longtime looked looking looks loose loosen
loosened loosening loosens looting loots lose loses losing lost loud lousy loutish love loved
lovely loves loving low lower lowered lowering lowers lowly loyal luanda luck lucked lucking
lucknow lucks lucky luddites ludhiana luggage lumbering lumen lumens lumped lumping lumps lunches
lurk lurked lurking lurks lush lushes lusted lusting lusts lux luxembourg lviv lying lyings lyon
m/s m2 m3 macabre macao macau macedonia macedonian machinery macho macked macking mad madagascar
madden maddened maddening maddens made madrid magenta magic magnates mailed mailing mails maim
maimed maiming maims main mainstream maintain maintained maintaining maintainings maintains
majesty major makassar make makes makeshift making malagasy malawi malaysia malaysian maldives
male males mali malmo malta mammalian mammals mammoth manage managed manages managing manaus
manchester mandalay mandated mandates mandating mandatory mandibles manifest manifested
manifesting manifestings manifests manila manned mannered mannering manners manoeuvred manoeuvres
manoeuvring mans manufacture manufactured manufactures manufacturing manufacturings many mapped
mapping maps maracaibo maracay maribor marine marines maritime marked market marketed marketing
marketings markets marking marks marrakesh married marries marry marrying mars marseille
marshalled marshalling marsupials martinique masculine mashed mashes mashhad mashing masked
masking masks mastered mastering masters matched matches matching materials mathematics matrices
matses mattel mattered mattering matters mature matured matures maturing mauritania mauritius
maverick maxed maxes maxing may mayas maybe mayflies mayotte mazda mcdonalds me meager mean
meander meandered meandering meanders meaning meanings means meant meanwhile measles measly
measured measures measuring meat meaty mecca mechanics medals medan medellin media median medians
medicaid medicare medics medina mediocre meditate meditated meditates meditating meditatings
medium meek meet meeting meetings meets mega megabyte megabytes meh melancholy melbourne mellow
melodies melt melted melting melts memoranda memphis menacing mend mended mending mendoza mends
mentioned mentioning mentions menus merchandise mere merged merges merging merited meriting merits
merry mesmerize mesmerized mesmerizes mesmerizing message messaged messages messaging messagings
messed messes messina messing met metallica metallurgy metals meter meters metiers metric metrics
metropolitan mexican mexico mi/h miami mice michelin microgram micrograms micronesia microsecond
microseconds microsoft mics mid might milan mild mile mile2 mile² militaries milked milking milks
milligram milligrams milliliter milliliters millimeter millimeters milwaukee mimed mimic mimick
mimicked mimicking mimicks mimics miming mince minced minces mincing mindblowing minded minding
minds mine mined minerals mines mingle mingled mingles mingling mini miniature miniatures mining
minings minor minsk minus minusing minuss mirrored mirroring mirrors mischiefs miskolc misplace
misplaced misplaces misplacing missed misses missing mississauga missives mistakes mistaking
mistook mitas mitigate mitigated mitigates mitigating mitsubishi mittens mixed mixes mixing mlb
mm2 mmm mm² mobil mobile mobiles mocked mocking mocks model modeled modeling modelings models
moderate moderated moderates moderating modern modernist modernists modest modified modifies
modify modifying moduli mogadishu moist molded molding moldova molds moldy molest molested
molesting molests mon monaco monday mondays money mongolia mongolian monitor monitored monitoring
monitorings monitors monkeyed monkeying monkeys monochrome monogamy monopolies monsanto montenegro
montevideo monthly montpellier montreal montserrat moody moose moot mopeds mopped mopping mops
moral morals morbid more moreover mornings moroccan morocco mortal mortals moscow mosques
mosquitoes most mosul motivate motivated motivates motivating motives motorola moulds mount
mounted mounting mounts mourn mourned mourning mourns mouthed mouthing mouths moved moves movies
moving mow mowed mowing mows mozambique msg msged mtv much muddle muddled muddles muddling muddy
mull mulled mulling mulls multifaceted multiple multiplied multiplies multiply multiplying mumbai
mumble mumbled mumbles mumbling mumps mundane munich murals murdered murdering murders muscat
music must mute muted my myanmar myspace mystified mystifies mystify mystifying m² m³ nag nagano
nagasaki nagged nagging naggings nagoya nagpur nags nah nail nailed nailing nails nairobi naive
naked named names namibia namibian naming nanchang nanchong nandos nanjing nanosecond nanoseconds
nantes nantong naples narcotics narratives narrow narrowed narrowing narrows nasa nascar nasdaq
nashville nato nats natwest nauru nausiating naval navan navigate navigated navigates navigating
navigatings nay nba nbc near nearby neared nearing nears neat nebulae nec necessary need needed
needing needs neglect neglected neglecting neglects negotiate negotiated negotiates negotiating
negotiatings neighborly neither nepal neptune nerded nerding nerds nerdy nestle netflix
netherlands nets netted netting network networked networking networkings networks neuroses never
nevertheless new newcastle newly newlywed news newsweek next nfl nhl nhs nibbly nicaragua
nicaraguan nice nicked nicking niger nigeria nigerian nigerien nightly nike nimble ningbo nintendo
nissan nites nitrates niue nivea no noble nodded nodding nods noisy nokia non nonchalant
nondescript nonprofit nonstop nope nor normal norms north northeast northern northwest norway
norwegian nosy not notable notaries noted notes nothings noticed notices noticing noting
notwithstanding nourish nourished nourishes nourishing novartis novel novels november novosibirsk
now nowadays nsa nuanced nuclei nude numb numbers numbing nurse nursed nurses nursing nursings
nurture nurtured nurtures nurturing nutella nuts nutses nvidia nwa nyc oakland oatmeals obediant
obedient obese obey obeyed obeying obeys objected objecting objectives objects obligated obscene
obscure obscured obscures obscuring observant observe observed observes observing obsess obsessed
obsesses obsessing obsolete obstetrics obtain obtained obtaining obtains occupied occupiers
occupies occupy occupying occur occurred occurring occurs oceans october octopi odd odessa of off
offbeat offend offended offending offends offensive offensives offer offered offering offerings
offers offhand official officials offline offset offsets offsetting often oh ohh ohms oi oiled
oiling oils oily ok okay old olives ollay ollying oman omani omg omit omits omitted omitting omsk
on onboard once oneday ones ongoing online only onto ooh ooo oops oozed oozes oozing opec open
opened opening openings opens opera operate operated operates operating operatings opiates opine
opined opines opining oppose opposed opposes opposing opposite opposites oppress oppressed
oppresses oppressing opt opted opting opts or oran orange orbited orbiting orbits ordeals ordered
ordering orderly orders ordos organic organise organised organises organising organisings organize
organized organizes organizing organizings oriented orienting orients orotund osaka oslo other
otherses otherwise ottawa ouch ought oughta ounce ounces our ours out outdoor outer outgo outgoes
outgoing outgrew outgrow outgrowing outgrows outlied outlies outlined outlines outlining outly
outlying outnumber outnumbered outnumbering outnumbers outpace outpaced outpaces outpacing
outright outside outspokens outstand outstanding outstands outstood ova oval ovals ovens over
overall overarch overarched overarches overarching overboard overcame overcome overcomes
overcoming overcomings overcrowding overdue overhand overhead overlap overlapped overlapping
overlaps overlook overlooked overlooking overlooks overnight overpassed overpasses overpassing
overpower overpowered overpowering overpowers override overrides overriding overrode oversaw
overseas oversee overseeing oversees overshadow overshadowed overshadowing overshadows overt
overtimes overturn overturned overturning overturns overuse overused overuses overusing overviews
overweight overwhelm overwhelmed overwhelming overwhelms overwrought ovulate ovulated ovulates
ovulating ovulatings ow owe owed owes owing own owned owners owning owns oxen oxfam oxygen oy
package packaged packages packaging packagings packed packing packs paddies padua pages paid
painful paint painted painting paintings paints paired pairing pairs paised paises paising
pakistan pakistani palantir palau pale paled palermo pales palestine palestinian paling pamper
pampered pampering pampers panaji panama panamanian panasonic panicked panics panned panning
panoplies pans panties pants paradises paraguay paraguayan parallel paralleled paralleling
parallels paralyse paralysed paralyses paralysing paranoid parented parentheses parenting paris
parishes park parked parking parkings parks parted partial participate participated participates
participating partied parties parting partisan parts party partying partyings pascals passed
passes passing passionate past pasted pastes pasting pasts patched patches patching patented
patenting patents pates pathogens patience patient patients patna patras patrol patrolled
patrolling patrols pats patsies paused pauses pausing pave paved paves paving paying paypal pays
pbs peace peaceful peacekeep peacekeeping peacekeepings peacekeeps peacekept peaked peaking peaks
peanuts pearls pedals pedestals peeing peeled peeling peels peered peering peers pees pegged
pegging peking pencilling pencils pend pended pending pends penning pens pent pepsi pepsico per
perceive perceived perceives perceiving percent percentages perfect perfected perfecting perfects
perform performed performing performs perfumed perfumes perfuming perhaps periodical periodicals
perish perished perishes perishing permanent permeate permeated permeates permeating permits
permitted permitting perplex perplexed perplexes perplexing persevere persevered perseveres
persevering persist persisted persisting persists perspectives persuade persuaded persuades
persuading pert pertinent peru peruvian pervade pervaded pervades pervading perverse petabyte
petabytes petals petite petrobras petrochina petrol petronas pets petting peugeot peyotes pff
pfizer phased phases phasing phenomena phew philadelphia philippine philips phoenix phoned phones
phoning phony phooey photocopiers photographed photographing photographs physics picayune picked
picking picks picnics picosecond picoseconds pierced piercing piers pies piggies pigging pigs
piled piles piling piloted piloting pilsen pined pines pining pink pinned pinning pinpoint
pinpointed pinpointing pinpoints pins pint pints piped pipes piping piraeus piss pissed pisses
pissing pitied pities pits pitted pitting pittsburgh pitying pivoting pivots placed places placid
placing plaid plain plan planned planning plannings plans planted planting plants plaques plastic
plastics plates played playing playings plays plced plces plcing pleaded pleading pleads pleasant
please pleased plebiscites plenty pls plugged plugging plugs plummet plummeted plummeting plummets
plumped plumping plumps plunge plunged plunges plunging plus pluto plz poach poached poaches
poaching pointed pointing points pointy poison poisoned poisoning poisonings poisons poland police
polish polished polishes polishing polite politics polled pollen polling polls pollute polluted
pollutes polluting pols polygamy pooled pooling pools pooped pooping poops poor popped poppies
popping pops populist pored pores poring pork portals portland porto portray portrayed portraying
portrays portugal portuguese posed poses posing position positioned positioning positionings
positions possess possessed possesses possessing posted posting posts potential potentials potters
pounded pounding pounds pour poured pouring pours pow powered powering powers poznan practiced
practices practicing prague praised praises praising prato prattle prattled prattles prattling
pray prayed praying prayings prays preach preached preaches preaching preamble precede preceded
precedes preceding precise preclude precluded precludes precluding predetermine predetermined
predetermines predetermining predict predicted predicting predictions predicts preexisting prefer
preferred preferring prefers pregnant premature premia premier premiers premises premium
preoccupied preoccupies preoccupy preoccupying prepaid prepare prepared prepares preparing
prepositions prerogatives presense present presented presenting presents preserved preserves
preserving pressed presses pressing pressure presuppose presupposed presupposes presupposing
pretend pretended pretending pretendings pretends pretense pretoria prevail prevailed prevailing
prevails prevent prevented preventing prevents preyed preying preys priced prices pricey pricing
prickly prided prides priding prima primary prime primed primes priming principal principals
printed printing printings prints prior pristine private pro probable probed probes probing
problems proceeded proceeding proceeds process processed processes processing processings proclaim
proclaimed proclaiming proclaims procure procured procures procuring prod prodded prods produce
produced produces producing profane profess professed professes professing professional
professionals profiled profiles profiling profound profuse prognoses programing programmed
programmes programming programs progressed progresses progressing prohibit prohibited prohibiting
prohibits projected projecting projects prolong prolonged prolonging prolongs prominent promise
promised promises promising promote promoted promotes promoting prompt prompted prompting prompts
pronounce pronounced pronounces pronouncing proper proportionate propose proposed proposes
proposing propped propping props pros prospects prosper prospered prospering prospers prostates
protect protected protecting protects protested protesting protests protrude protruded protrudes
protruding proud prove proved proves provide provided provides providing proving provoke provoked
provokes provoking proximate prudential pruned prunes pruning psst psyched psyches psyching public
publish published publishes publishing publishings puddings puebla puke pukes puking pull pulled
pulling pulls pump pumped pumping pumps punched punches punching punish punished punishes
punishing punjabi puny puppies purchased purchases purchasing pure purple purport purported
purporting purports purposes pursuant pursuanted pursuanting pursuants pursue pursued pursues
pursuing pushed pushes pushing pussies put puts putting putty puyang puzzle puzzled puzzles
puzzling pyongyang pyramids q1 q2 q3 q4 qatar qatari qingdao qua quack quacked quacking quacks
quaint qualified qualifies qualify qualifying quantas quart quarterly quarts quash quashed quashes
quashing quench quenched quenches quenching question questioned questioning questionings questions
quezon quick quiet quieting quiets quit quite quito quits quitting quivered quivering quivers
quiznos quizzes quote quoted quotes quotients quoting rabat rabid rabies raced races racial racing
racist racists racked racking racks radii radiohead rage raged rages ragged raging rain rained
raining rains rainy raipur raised raises raising raked rakes raking raleigh rallied rallies rally
rallying ramble rambled rambles rambling rampant ran ranchi random randomly rang ranged ranges
ranging ranked ranking ranks ranted ranting rants rap raped rapes rapid raping rapped rapping
rappings raps rare rash rashes rate rated rates rather ratified ratifies ratify ratifying rating
ratings rats rattle rattled rattles rattling rave raved ravens raves raving ravish ravished
ravishes ravishing raw rawalpindi rays rbc rbs reached reaches reaching react reacted reacting
reacts read reading readings reads ready real realise realised realises realising realize realized
realizes realizing really reap reaped reaping reaps rear rears reason reasoned reasoning
reasonings reasons reassure reassured reassures reassuring rebates rebel rebels reboot rebooted
rebooting reboots rebuff rebuffed rebuffing rebuffs rebuttals recalcitrant recalled recalling
recalls receive received receives receiving recent recife recipients recitals reckon reckoned
reckoning reckons reclaim reclaimed reclaiming reclaims recognition recognize recognized
recognizes recognizing recommend recommended recommending recommends reconcile reconciled
reconciles reconciling recondite record recorded recording recordings records recoup recouped
recouping recoups recover recovered recovering recovers recreation recruited recruiting recycle
recycled recycles recycling recyclings red redact redacted redacting redacts redefine redefined
redefines redefining redid redoes redoing reduce reduced reduces reducing redundant reeds reeled
reeling reels refactored refactoring refactors referenced references referencing referenda
referents referrals refinance refinanced refinances refinancing refine refined refines refining
reflect reflected reflecting reflects refocus refocused refocuses refocusing reformed reformers
reforming reforms refract refracted refracting refracts refresh refreshed refreshes refreshing
refuel refuelled refuelling refuels refunded refunding refunds refurbish refurbished refurbishes
refurbishing refused refuses refusing regarded regarding regards register registered registering
registers regrets regretted regretting regroup regrouped regrouping regroups regulate regulated
regulates regulating rehearse rehearsed rehearses rehearsing rehearsings reheat reheated reheating
reheats reign reigned reigning reigns reimburse reimbursed reimburses reimbursing reims rein
reined reinforce reinforced reinforces reinforcing reining reins reject rejected rejecting rejects
rejoice rejoiced rejoices rejoicing rejuvenate rejuvenated rejuvenates rejuvenating relate related
relates relating relative relatives relax relaxation relaxed relaxes relaxing relaxings release
released releases releasing relent relented relenting relents relevant relied relies relieve
relieved relieves relieving relinquish relinquished relinquishes relinquishing relished relishes
relishing relive relived relives reliving reload reloaded reloading reloads reluctant rely relying
remade remain remained remaining remains remakes remaking remarked remarking remarks remax
remedied remedies remedying remember remembered remembering remembers remote remove removed
removes removing render rendered rendering renderings renders rendezvouses rendezvousing renew
renewed renewing renews rennes renounce renounced renounces renouncing renowned rental rentals
rented renting rents reordered reordering reorders repaired repairing repairs repealed repealing
repeals repeat repeated repeating repeats repel repelled repelling repels rephrase rephrased
rephrases rephrasing replace replaced replaces replacing replenish replenished replenishes
replenishing replicate replicated replicates replicating replied replies replying report reported
reporting reportings reports represent representative representatives represented representing
represents reprobate republican republicans republics request requested requesting requests
require required requires requiring reruns research resemble resembled resembles resembling resent
resented resenting resents reserve reserved reserves reserving reside resided resident residents
resides residing resign resigned resigning resigns resist resistant resisted resisting resists
resolute resolved resolves resolving resonant resorted resorting resorts respect respected
respecting respects respites respond responded responding respondings responds rest restarted
restarting restarts rested resting restock restocked restocking restocks restore restored restores
restoring restrain restrained restraining restrains restrict restricted restricting restricts
restructrue restructrued restructrues restructruing restructruings restructure restructured
restructures restructuring restructurings rests resulted resulting results resumed resumes
resuming resurface resurfaced resurfaces resurfacing retarded retire retired retires retiring
retrieve retrieved retrieves retrieving retrofit retrofiting retrofits returned returning returns
reup reuped reuping reups revamp revamped revamping revamps reveal revealed revealing reveals
revel reveled revelling revels revere revered reveres revering reversed reverses reversing revert
reverted reverting reverts reviewed reviewing reviews revisit revisited revisiting revisits
revitalise revitalised revitalises revitalising revitalize revitalized revitalizes revitalizing
revive revived revives reviving revlon revoke revoked revokes revoking revolve revolved revolves
revolving reward rewarded rewarding rewards rexes reykjavik rhetorics rheumatoid rhymed rhymes
rhyming rice rickets rid ridding ride rides riding ridings rids riga right rightful righting
rights ringing rings rio rioted riots ripe ripen ripened ripening ripens ripping rips rises rising
risked risking risks rites rituals ritzy rival riverbeds riveting rivetinging rivetings rivetung
riyadh roam roamed roaming roams roar roared roaring roars roasted roasting roasts robbed robbing
robins robust rocked rocking rocks rode rodents rodeos rods rolled rolling rolls romania romanian
romantic rome roof roofed roofing roofings roofs rookies rooms roomy rooted rooting roots roped
ropes roping roses rosy rot rots rotted rotten rotterdam rotting rough roughed roughing roughs
round rounded rounding rounds rout routed routes routine routines routing routs rowing rowings
rows royal rubbed rubbing rubbish rubbishes rubies rubs rude ruined ruining ruins ruled rules
ruling rulings running runnings runs rush rushed rushes rushing russia russian rusted rusting
rustle rustled rustles rustling rusts rwanda rwandan ryanair sabbaticals sacked sacking sacks
sacramento sacred sacrificed sacrifices sacrificing sad sadden saddened saddening saddens sadness
safe safeguarded safeguarding safeguards safety safeway sage sages said sailed sailing sailings
sails sainsburys saintly salaries salem salesforce salmon salt salty salzburg same samoa samoan
sampled samples sampling samsung sanaa sand sandwiches sang sank sans sapiens sapporo sarajevo sat
satisfactory satisfied satisfies satisfy satisfying satish saturate saturated saturates saturating
saturday saturdays saturn saudi sauted save saved saves saving savvy saw say saying sayings says
scaled scales scaling scanned scanning scans scanty scarce scare scared scares scaring scarlet
scarred scarring scars scary scathing scatter scattered scattering scatters scavenge scavenged
scavenges scavenging scenery scents schedule scheduled schedules scheduling schedulings scholarly
schooling schoolings schools scientific scientology scissors scorch scorched scorches scorching
score scored scores scoring scorings scotland scottish scouted scouting scouts scraped scrapes
scraping scratch scratched scratches scratching scream screamed screaming screamings screams
screech screeched screeches screeching screen screened screening screenings screens screwed
screwing screws scribbled scribbles scribbling scrolled scrolling scrolls sculpt sculpted
sculpting sculptings sculpts seabeds seagate seal sealed sealing seals searched searches searching
sears seasoned seat seated seating seatings seats seattle secondary secret secrets sects secure
secured secures securing sedate sedated sedates sedating see seeded seeding seeds seeing seek
seeking seeks seem seemed seeming seemly seems sees seldom select selected selecting selects self
selfish sell selling sells seminars senate send sending sends senegal senegalese senior seniors
sensed senses sensing sensory sent sentence sentenced sentences sentencing seoul sep separate
separated separates separating september sequester sequestered sequestering sequesters serbia
serbian serene serial serials series served serves serviced services servicing serving servings
sets setting settings settle settled settles settling sever several severe severed severing severs
seville sew sewed sewing sews sexes sexy seychelles shacked shacking shacks shaded shades shading
shady shake shakes shaking shall shallow shameful shanghai shant shantou shaped shapes shaping
share shared shares sharing sharp sharpen sharpened sharpening sharpens shatter shattered
shattering shatters shaved shaves shaving she shedding sheds sheep sheer sheesh sheffield
sheilding sheilds sheilt sheltered sheltering shelters shenyang shenzhen shhh shifted shifting
shifts shijiazhuang shillong shimla shine shines shingles shining shiny ship shipped shipping
shippings ships shit shivered shivering shivers shiyan shock shocked shocking shocks shoes shoo
shook shoot shooting shoots shop shopped shopping shoppings shops shored shores shoring short
shortages shorted shorten shortened shortening shortenings shortens shorting shorts shot should
shout shouted shouting shoutings shouts showed showing shows shrank shrill shrink shrinking
shrinks shrivel shrivelled shrivelling shrivels shuffled shuffles shuffling shun shunned shunning
shuns shut shuts shutting shy siblings sic sick sickly sided sides siding siemens sift sifted
sifting sifts signal signaled signaling signalings signals signatories signed significant signing
signings signs silenced silences silencing silk silly silver silvers simple simplified simplifies
simplify simplifying simulate simulated simulates simulating since sincere sing singapore
singaporean singing singings single singled singles singling sings sinister sinking sinks sipping
sips sit sites sits sitting sittings sized sizes sizing skate skateboard skateboarded
skateboarding skateboardings skateboards skated skates skating skatings skeletens skied skies
skiied skiing skilled skills skin skinny skipping skirmishes skis skittles skopje skyrocket
skyrocketed skyrocketing skyrockets slack slacks slam slammed slams slay slayed slaying slays
sleek sleeping sleepings sleeps sleepy slender slept slice sliced slices slicing slick slicked
slicking slicks slid slide slides sliding slight slim slimy slipped slippery slipping slips
slipshod slits slitting slope sloped slopes sloping slouched slouches slouching slovak slovakia
slovenia slow slowed slowing slows sly small smart smashed smashes smashing smelled smelling
smells smelly smile smiled smiles smiling smirked smirking smirks smirnoff smoked smokes smoking
smokings smooth smoothed smoothing smooths smug smuggle smuggled smuggles smuggling snaked snakes
snaking snaping snapped snaps snatch snatched snatches snatching sneak sneaking sneaks sneezed
sneezes sneezing snew sniff sniffed sniffing sniffs snobbish snowboard snowboarded snowboarding
snowboardings snowboards snowing snowings snows snp snuck snuggle snuggled snuggles snuggling so
soak soaked soaking soaks soap soar soared soaring soars sobbed sobbing sober sobered sobering
sobers sobs soccer social socialist socialists soft sold sole solemn soles solicit solicited
soliciting solicits solid soluble solve solved solvent solvents solves solving somalia somalian
somber sombreros some someday somehow someones something sometimes somewhat sonnies sony soon
sooth soothe soothed soothes soothing sooths sophisticated sordid sore sorry sort sorted sorting
sorts sounded soundgarden sounding soundproof sounds sour soured souring sours south southeast
southern southwest sovereign sovereigns soviet sow sowed soweto sowing sows spacecraft spain spams
spaniard spanned spanning spans spare spared spares sparing sparked sparking sparkle sparkled
sparkles sparkling sparkly sparks sparse spat spawn spawned spawning spawns speak speaking speaks
special specialize specialized specializes specializing species specific specified specifies
specify specifying sped speeding speeds speedy spellbind spellbinding spellbinds spelled spelling
spellings spells spend spending spendings spends spent spice spiced spices spicing spicy spied
spies spiked spiking spilled spilling spills spinning spins spiralling spirals spirited spit
spited spites spiting spits spitting splashed splashes splashing splay splayed splaying splays
splendid splits splitting spoil spoiled spoiling spoils spoke sponsored sponsoring sponsors spoof
spoofed spoofing spoofs spot spots spotted spotting sprang sprawl sprawling sprawls sprayed
spraying sprays spreading spreads sprightly springing springs sprinkled sprinkles sprinkling
spruced spruces sprucing spry spun spurred spurring spurs spying squander squandered squandering
squanders squared squares squarespace squaring squat squats squeamish squish squished squishes
squishing stab stabbed stabbing stable stables stabs stacked stacking stacks staffed staffing
staffs stage staged stages stagger staggered staggering staggers staging stagings stain stained
staining stains staked stakes staking stale stalked stalking stalks stalled stalling stalls
stalwart stamped stamping stamps standard standards standing stands stapled staples stapling
starbucks stared stares staring stark starring stars started starting startle startled startles
startling starts starve starved starves starving state stated stately states static stating
statistics statoil statutes statutory stave staved staves staving stayed staying stays steadfast
steady steal stealing steals steam steamed steaming steel steep steered steering steers stemmed
stemming stems stepped stepping steps stereotype stereotyped stereotypes stereotyping sterile
stern stewed stewing sticking sticks stiff stiffen stiffened stiffening stiffens stifle stifled
stifles stifling still stimulate stimulated stimulates stimulating stimuli sting stinging stings
stinking stinks stipends stir stirred stirring stirs stitched stitches stitching stockholm
stockinging stockings stockpiled stockpiles stockpiling stoked stole stomachs stones stood stooped
stooping stoops stopped stopping stops stored stores storing stormed storming storms storytelling
storytellinging storytellings storytellung stout straight straighten straightened straightening
straightens straightforward strained straining strains strange strangle strangled strangles
strangling strasbourg strategies stray strayed straying strays streamed streaming streams
strengthen strengthened strengthening strengthens stressed stresses stressing stretched stretches
stretching stretchings strew strewed strewing strews strict strikes striking stringent stringing
strings strip striped stripped stripping strips strive strives striving stroked strokes stroking
strong strove struck struggle struggled struggles struggling strugglings stubborn stuck students
studied studies studying studyings stuff stuffed stuffing stuffings stuffs stumbled stumbles
stumbling stump stumped stumping stumps stun stung stunk stunned stunning stuns stupid sturdy
stuttgart styled styles styling stylish subaru subbed subbing subdued subjected subjecting
subjects sublimate sublimated sublimates sublimating sublime submerge submerged submerges
submerging submit submits submitted submitting subordinate subordinates subpar subs subsequent
subside subsided subsides subsiding subsidize subsidized subsidizes subsidizing subsist subsisted
subsisting subsists substandard substantial substrates subtle subtotals subtract subtracted
subtracting subtractings subtracts suburban subvert subverted subverting subverts succeed
succeeded succeeding succeeds succinct succumb succumbed succumbing succumbs such suck sucked
sucking sucks sudan sudanese sudden sued suffer suffered suffering sufferings suffers suffice
sufficed suffices sufficing sugar suggest suggested suggesting suggests suing suited suites
suiting suits summarise summarised summarises summarising summed summers summing summon summoned
summoning summons sums sunday sundays sunrises sunshine super superb superficial superior
superiors supervisory supplemented supplementing supplements supplied supplies supplying support
supported supporting supports suppose supposed supposes supposing suppress suppressed suppresses
suppressing supreme surabaya surat sure sured sures surf surfaced surfaces surfacing surfed
surfing surfings surfs surge surged surges surging suriname suring surly surmount surmounted
surmounting surmounts surpass surpassed surpasses surpassing surprise surprised surprises
surprising surreal surrogates surround surrounded surrounding surrounds survey surveyed surveying
surveyings surveys survive survived survives surviving survivings sushi suspect suspected
suspecting suspects suspend suspended suspending suspends suss sussed susses sussing sustain
sustained sustaining sustains suzhou swallow swallowed swallowing swallows swam sway swayed
swaying sways swaziland swearing swearings swears sweated sweating sweats swede sweden sweep
sweeping sweeps sweepstakes sweet sweeten sweetened sweetening sweetens swell swelled swelling
swells swept swift swim swimming swimmings swims swinging swings swiped swipes swiping swiss
switched switches switching switzerland swore swung syllabi syllables symbolic synergies synopses
syria syrian systems tableaux taboo taboos tabriz tack tacked tacking tackle tackled tackles
tackling tacks tactics tagged tagging tags taian taichung tailor tailored tailoring tailors tainan
taipei taiwan taiwanese taiyuan tajikistan take takes taking talented talents talked talking
talkings talks tall tallied tallies tallinn tallying tame tamed tamper tampere tampered tampering
tampers tan tangier tangled tangles tangling tangshan tanned tanning tannings tans tantalize
tantalized tantalizes tantalizing tanzania target targeted targeting targets tarnish tarnished
tarnishes tarnishing tart tartu tashkent taste tasted tasteful tastes tasting tastings taught
tawdry tax taxed taxes taxing tbilisi tea teach teaches teaching teachings teamed teaming teams
tearing tears tease teased teases teasing teasings teeing teen teenage teens tees teeth
tegucigalpa tehran telefonica telling tells telus temperate tempered tempering tempers templates
temporary tempt tempted tempting tempts tencent tender tendered tendering tenders tennis tense
terabyte terabytes terminal terminals terrific terrified terrifies terrify terrifying terrorist
terrorists tertiary tesco test tested testing testings tests testy texan texted texts tha thai
thailand than thank thanked thanking thanks that the thee them then there thereby therefore
thermodynamics these theses thessaloniki they thick thieves thin thingies things think thinking
thinkings thinks thinned thinning thins thirsty this tho thorny those thou though thought
thoughtful threaded threading threads threaten threatened threatening threatens threesomes threw
thrill thrilled thrilling thrills thrive thrived thrives thriving through throughout throwing
throws thru thrusting thrusts thunder thurs thursday thursdays thus thwart thwarted thwarting
thwarts thy tianjin tianshui ticked ticking ticks tics tides tidied tidies tiding tidy tidying
tied tiers ties tight tighten tightened tightening tightens tijuana til tilburg tiled tiles tiling
till timed timely times timetables timing timings timisoara tin tiny tipped tipping tippings tips
tirana tired tires tiring tmr tmrw tmz to today together togo tokelau token tokens tokyo told
tolerant tolled tolling tolls tomorrow tomsk ton toned tones tonga tonight toning tonites tonne
tonnes too took toothpaste topics topped topping topple toppled topples toppling tops tore
tornados toronto torpid torques tortured tortures torturing toshiba tossed tosses tossing totaled
totalling totally totals touch touched touches touching tough toughen toughened toughening
toughens toulon toulouse toured touring tours toward towards townfolk townsfolk toyota tracked
tracking trackings tracks traded trades trading tradings traffic traffick trafficked trafficking
trafficks tragedies train trained training trainings trains trample trampled tramples trampling
tranquil transact transacted transacting transacts transferred transferring transfers transform
transformed transforming transforms transitioned transitioning transitions transparent transpire
transpired transpires transpiring transport transported transporting transports trap trapped
trapping traps travel traveling travelings travelled travelling travellings travels treated
treating treatise treats trekking treks tremble trembled trembles trembling trenchant trended
trending trends trendy trial trials tribes tribunals tributaries tributed tributes tributing
tricked tricking trickled trickles trickling tricks tried tries trieste trifle trifled trifles
trifling triggered triggering triggers trim trimmed trimming trims trinidadian trinities tripoli
tripped tripping trips trite trondheim troops trots trotted trotting trouble troubled troubles
troubleshooting troubling troughs trousers trout true trust trusted trusting trusts try trying tsk
tuck tucked tucking tucks tues tuesday tuesdays tulsa tumble tumbled tumbles tumbling tummies tuna
tuned tunes tungsten tunics tuning tunis tunisia tunisian tunnelled tunnelling tunnels turin
turkey turkmen turkmenistan turku turned turning turns turntables tutorials tuvalu tuxedos tvs
twice twinned twinning twins twist twisted twisting twists twitter tying typed types typing
typings tyranny u2 uber ubs uganda ugandan ugh ugly uh uhh uhm uk ukip ukraine ukrainian ultimate
ultimately ultra unabated unappealing unassuming unattended unauthorized unbecoming unchallenged
uncharted unchecked uncircumcised unconvincing uncoordinateds uncover uncovered uncovering
uncovers undecided under underage undercover undercut undercuts undercutting underestimates
undergo undergoes undergoing undergraduate undergraduates underground undergrounds underhand
underlying underneath underprivileged undersized understand understanding understandings
understands understood undertake undertakes undertaking undertakings undertones undertook
undervalue undervalued undervalues undervaluing underwater underway underwears underweight
underwent underwhelm underwhelmed underwhelming underwhelms undid undisclosed undisputed undo
undocumented undoes undoing undue unearth unearthed unearthing unearths unemployed unending unesco
uneven unexpected unexplained unfair unfinished unfold unfolded unfolding unfolds unforeseen
unfounded unfoundeds unguarded unheard unified unifies unify unifying unilever uninsured
uninterested uninterrupted uninvited unique unite united unites uniting universal unknown unleash
unleashed unleashes unleashing unlike unlock unlocked unlocking unlocks unmarried unmatched unmet
unnamed unnerve unnerved unnerves unnerving unnoticed unopposed unpaid unparalleled unplug
unplugged unplugging unplugs unprecedented unravel unraveling unravelled unravels unrecognized
unregulated unrelated unrelenting unrequited unreserved unresolved unruly unseen unsettle
unsettled unsettles unsettling unsightly unsold unspent unspoken unsupervised unsuspecting
untapped untested untie untied unties until untold untouched untying unused unveil unveiled
unveiling unveils unwanted unwarranted unwieldy up upbeat update updated updates updating upgraded
upgrades upgrading upheld uphold upholding upholds uplift uplifted uplifting uplifts uploaded
uploading uploads upon upper uppity ups upscale upset upsets upsetting upsides upstairs upstairses
uptight uranus urban urbanites urged urgent urges urging urinals uruguay urumqi us usa use used
useful uses ushered ushering ushers using usps ussr usual utrecht utter uttered uttering uttermost
utters uzbekistan vacant vacuummed vacuumming vacuums vagabond vagabonds vagrant vague vain
valencia validate validated validates validating valuable valued values valuing vancouver vanilla
vanillas vanish vanished vanishes vanishing vans vanuatu vapor variable variables variant variants
varied varies varieties various varna varnishes vary varying vast vaughn vegetables venezuela
venezuelan vengeful venice ventured ventures venturing venuses verdant verdicts verified verifies
verify verifying verizon vernacular verona versailles versatile versus vertebrae vertebrates very
vets vex vexed vexes vexing vh1 via vibed vibes vibing vibrant vie vied vienna vies vietnam
vietnamese viewed viewing views vigilant vile vilnius vinegar violas violence violets viruses visa
visionaries visionary visited visiting visits visualize visualized visualizes visualizing
visualizings vitae vladivostok vocabularies vodafone voiced voices voicing voided voiding voids
voila volatile volcanoes volgograd volkswagen voltages volts volunteer volunteered volunteering
volunteerings volunteers volvo vomits vomitted vote voted votes voting votings vowed vowing vows
vulgar vying w/o wading wafers wahoo waists waited waiting waitings waits waive waived waives
waiving wake waked wakes waking wales walgreens walked walking walks walmart wander wandered
wandering wanders wangs want wanted wanting wanton wants wards warehoused warehouses warehousing
warm warmed warming warms warmth warn warned warning warnings warns warp warped warping warps
warranted warranting warrants warring wars warsaw wary washed washes washing washings wasted
wasteful wastes wasting wat watched watches watching watchings water waterbeds watershed
watersheds watery watt wattses waved waves waving waxed waxes waxing ways wb we weak weaken
weakened weakening weakens wean weaning weans wearing wears weary weather weathered weathering
weatherproof weathers weave weaves weaving wed wedding weddings wednesday wednesdays weds wee
weeded weeding weeds weekends weekly weep weeping weeps weigh weighed weighing weighs weird
weirded weirding weirds welcomed welcomes welcoming well wellington welsh went wented wenting
wents wept western westfield westinghouse wet wets wetting wexford whack whacked whacking whacks
whales what whatever whatsoever whee wheeling wheels when whenever where whereas whereby wherever
whether whew which whichever while whilst whiny whipping whips whisked whisking whisks whisky
whisper whispered whispering whisperings whispers whistled whistles whistling white who whoa
whoever whole wholesale whom whoops whose why wichita wicked wicking wicklow wicks wide widen
widened widening widens widespread wield wielded wielding wields wikileaks wikipedia wild wildlife
will willing wily wimped wimping wimps windhoek winding winds windsor windy wine winged winging
wings winning winnipeg wins winterthur wiped wipes wiping wired wires wiring wirings wiry wise
wised wises wished wishes wishing wising wistful with withdraw withdrawing withdraws withdrew
wither withered withering withers within without witnessed witnessing womanly won wonder wondered
wondering wonderings wonders wood wooden wool woozy words wore worked working workings works
workshopped workshopping workshops worn worried worries worry worrying worryings worsen worsened
worsening worsens worshipping worships worthed worthing worths worthwhile would wounded wounding
wounds wove wow wrap wrapped wrapping wrappings wraps wreak wreaking wreaks wrecked wrecking
wrecks wrestle wrestled wrestles wrestling wrestlings wring wringing wrings wrinkle wrinkled
wrinkles wrinkling write writes writing writings wroclaw wrong wronged wronging wrongs wrote
wrought wroughting wroughts wry wtaf wtf wuhan wuxi wuzhou xiamen xian xiaomi xinyang ya yaa yah
yamaha yammer yammered yammering yammers yangon yawn yawned yawning yawnings yawns yay yd2 yd3 yd²
yd³ yea yeah yearly yearn yearned yearning yearnings yearns yekaterinburg yell yelled yelling
yellings yellow yellowed yells yemen yep yerevan yes yesterday yet yield yielded yielding yields
yikes yipee yippee ymca yokohama yottabyte yottabytes you yougov young youtube yuck yunfu yup ywca
zagreb zambia zambian zany zanzibar zeroing zeroings zeros zettabyte zettabytes zhangzhou
zhengzhou zhongshan zibo zimbabwe zimbabwean zipping zips zombies zoned zones zoning zonings zonk
zonking zonks zoom zoomed zooming zoomings zooms zurich °c °f °n µg µs
`;
