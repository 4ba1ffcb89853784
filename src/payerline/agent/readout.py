"""Reading claim fields out of a self-service read-out or a representative's answer.

A read-out packs many fields into one turn ("Status: paid. Received March 3,
2026. Total charges one hundred twenty-five dollars, paid eighty dollars.").
Each sentence is cut at field labels, and each piece goes to its field's
extractor. An answer to one question is read whole by that field's extractor
first (see :func:`parse_answer`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from payerline.agent.formats import amount_words, number_words
from payerline.agent.extract.lexer import join_spelled_initialisms
from payerline.agent.extract import (
    FIELD_EXTRACTORS,
    Extraction,
    extract_claim_status,
    extract_date,
    extract_group_code,
    extract_identifier,
    extract_money,
)
from payerline.domain.codes import ClaimStatus

_LABELS: tuple[tuple[str, str], ...] = (
    ("claim_number", r"claim (?:number|id|control number)|\bicn\b|\bdcn\b|\btcn\b|internal control number|"
                     # "Claim one, number two six zero ...": the claim's place in the read-out, then its number.
                     r"claim (?:one|two|three|four|five|\d),? number|"
                     r"document control number|under claim|(?:claim|document) control|control number|document number|"
                     # "Claim six zero two six zero one ...", with no "number": "claim" then a long run of digits,
                     # but not "Claim one, two six ..." (the claim's place in the read-out, then its number).
                     # A letter prefix may come first: "claim Q two six zero four ...".
                     r"\bclaim(?!,? (?:one|two|three|four|five|won|to|too|for|\d),)"
                     # A letter may come inside too: "claim H L two six A zero zero four seven ...".
                     r"(?=,? (?:[a-z] ){0,3}(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)\b,? ?"
                     r"|[a-z] ){8})"),
    ("received_date", r"\breceived\b|receipt date|date of receipt|came in|hit our system|\barrived\b|"
                      # "Date on file January thirtieth": when the claim was put on file.
                      r"\bdate on file\b|"
                      # "It entered the system on March sixth."
                      r"\bentered (?:the|our) (?:claims? )?system\b|"
                      # "This claim is pending, in process since March sixth": in the system since it came in.
                      r"\b(?:in process|in processing|pending|in review|under review|on file) since\b|"
                      r"we got (?:it|this|that|the claim)|got it (?:on|in)\b"),
    # "... was paid on March second, following adjudication on February twenty-sixth".
    ("processed_date", r"(?:following|after) adjudication on|"
                       # "This claim is in non-payment status as of November 17": a denial, and its date.
                       r"\bnon-?payment status,? (?:as of|on|since|effective)|"
                       # "... approved for reimbursement on remittance date November 17", then "Remittance issued ...".
                       r"\bapproved for (?:payment|reimbursement) on (?:the )?remit(?:tance)?(?: advice)? date|\b(?:re)?processed\b|finali[sz]ed|\bfinaled\b|adjudicated|process date|completed date|denial was issued|"
                       # "... and issued the denial on January twenty-third".
                       r"(?:issued|sent|made) (?:the|its|a|our) (?:denial|decision|determination)\b|"
                       r"approved (?:it |the claim |this claim )?(?:for payment )?(?:on|as of)\b|"
                       # "Bill review denied this bill on January 29", "..., reviewed February 27".
                       r"\b(?:denied|adjusted|rejected|cancel+ed|voided) (?:this|the|your) (?:claim|bill) on\b|"
                       r"\breviewed(?= (?:on )?(?:january|february|march|april|may|june|july|august|september|october|"
                       r"november|december)\b)|(?:was |were )?closed on|closed date|"
                       r"date of (?:processing|adjudication|decision|adjustment|denial)|(?:adjustment|denial|void|cancel(?:l)?ation|cancel) date|(?:finished|completed|done) processing|"
                       r"(?:processing|review|adjudication) (?:was )?(?:finished|completed|done)|processing (?:on|date)\b|"
                       r"\bdecided\b|decision (?:date|was made)|adjudication date|determination date|"
                       r"(?:denied|cancel(?:l)?ed|voided|adjusted) (?:on|in) the remit(?:tance)?(?: advice)? dated|"
                       # "This claim was denied on the financial cycle of November 24": no payment, so no paid date.
                       r"(?:denied|cancel(?:l)?ed|voided) (?:on|in) the (?:financial|payment|check ?write) cycle(?: of| dated)?|"
                       r"(?:denied|cancel(?:l)?ed|voided|adjusted|closed),? as of|"
                       # "cancelled by a void on the remittance advice dated ...", "applied to the deductible for the
                       # recipient's spend-down on the remittance advice dated ...": a status other than paid.
                       r"(?:a void|voided|cancel(?:l)?ed|denied|adjusted|deductible|spend-?down),? on the remit(?:tance)?"
                       r"(?: advice)? dated|"
                       # "This bill was adjusted on reconsideration on November third": the decision's own date.
                       # "... cancelled by a void request on February 27" too.
                       r"(?:denied|cancel(?:l)?ed|voided|adjusted|reprocessed) (?:on|after|upon|following|in|by) (?:\w+ ){1,3}"
                       r"(?=on (?:january|february|march|april|may|june|july|august|september|october|november|"
                       r"december)\b)|"
                       # "This claim was cancelled, by void request, on March sixth": an aside between the verb and its date.
                       r"(?:denied|cancel(?:l)?ed|voided|adjusted|reprocessed), (?:by|per|due to|after|upon|following|at) "
                       r"(?:[\w'-]+ ){0,3}[\w'-]+, (?=on (?:january|february|march|april|may|june|july|august|september|"
                       r"october|november|december)\b)|"
                       # "It was applied to the member's spend-down on September 23": a status with no payment.
                       # "... applied to the recipient's spend-down obligation, with no reimbursement, on October 30".
                       r"applied to (?:the )?(?:patient's |member's |recipient's |beneficiary's )?(?:deductible|spend-?down)"
                       r"(?: obligation| share| amount)?(?:, [^,.]{1,30},)?"
                       r"(?= on (?:january|february|march|april|may|june|july|august|september|october|november|"
                       r"december)\b)|"
                       # "The denial appears on the remittance advice dated ...".
                       r"(?:denial|void|cancel(?:l)?ation|adjustment) (?:appears|appeared|is|was|shows) on the "
                       r"remit(?:tance)?(?: advice)? dated|"
                       r"(?:denied|cancel(?:l)?ed|voided|adjusted|approved)(?: on)?(?=[,:]? (?:on )?"
                       r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)"),
    # The closing \b keeps "paid one hundred" from reading as "paid on".
    ("paid_date", r"\bpayment in the (?:\w+ )?cycle(?: of| dated)?|\bcheck (?:was|is scheduled to be|will be) cut(?: on)?|\bcut the check(?: on)?|\bremit(?:tance)?(?: advice)? (?:was )?issued\b|(?:paid,? (?:in full,? )?(?:on|date)|payment date|pay date|date paid|check date|(?:check|payment|eft) (?:was |were )?issued|"
                  r"issued on|"
                  # "Check number 0042406, issued November thirteenth": the check's own date.
                  r"(?:(?<=, )|(?<=payment )|(?<=check )|(?<=eft ))(?:issued|released)(?= (?:on )?(?:january|february|march|april|may|june|july|august|september|october|"
                  r"november|december)\b)|eft went out|"
                  # "Payment was issued by check number 4007, dated September eleventh": the check's date.
                  r"(?<=, )dated(?= (?:january|february|march|april|may|june|july|august|september|october|november|"
                  r"december)\b)|"
                  # "Paid January twenty-ninth, twenty twenty-six by E F T ...": "paid" then a date, not an amount.
                  r"\bpaid(?= (?:january|february|march|april|may|june|july|august|september|october|november|"
                  r"december)\b)|"
                  # "This claim appeared on the remittance advice dated October twelfth": the claim's payment.
                  # "It will appear on the remittance advice dated April tenth" after "approved for payment" too.
                  r"(?:(?<=claim )|(?<=\bit ))(?:appeared|appears|was listed|is listed|shows|is scheduled to appear|"
                  r"will appear) on the "
                  r"remit(?:tance)?(?: advice)? dated|"
                  r"payment went out|went out on|with (?:a )?payment (?:on|dated)|"
                  r"expected to be (?:mailed|sent|issued|released|paid)(?: on)?|"
                  # "Approved payment: sixty-one dollars and eighteen cents, expected March thirteenth".
                  r"(?:(?<=dollars, )|(?<=cents, ))expected(?: on)?(?= (?:january|february|march|april|may|june|july|"
                  r"august|september|october|november|december)\b)|"
                  # "... and payment is scheduled to go out on March twenty-sixth".
                  r"(?:scheduled|set|due|expected) to (?:go out|release|be released|issue|be issued)(?: on)?|(?:check|payment) was (?:mailed|sent|cut|made)|mailed on|eft date|"
                  r"remit dated|remit(?:tance)?(?: advice)? to be dated|check run|payment was released|will pay on|expected payment (?:date|on)|pay on|"
                  r"scheduled for|will be paid on|pays on|released on|will be (?:released|issued|sent)|"
                  r"expected to (?:pay|be paid|release)|(?:payment|financial|pay) (?:cycle|run)(?: of| on| dated)?|to be released|remit(?:tance)? (?:advice )?date|"
                  # Medicaid pays in weekly checkwrites: "partially paid in the checkwrite of November tenth".
                  r"check ?write(?: of| date| dated)?|(?:payment )?release date|"
                  # Some state Medicaid programs pay by warrant: "with a warrant date of November fourth".
                  r"warrant (?:date|dated|issued|was issued)(?: of| on)?|(?:expected )?voucher (?:date|dated)(?: of| on)?|"
                  # "Medicare will pay ... on or after April 22": the first day the payment can be released.
                  r"(?:(?<=dollars )|(?<=cents )|(?<=pay )|(?<=paid ))on or after)\b"),
    # Amount labels in the terms of EOBs, 835 remits and representatives.
    # "Lines billed: three" counts lines.
    ("billed_amount", r"(?<!lines )(?<!services )(?<!claims )\bbilled\b|total charges?|submitted (?:amount|charges?)|amount submitted|\bcharges\b|"
                      # "The charge was one thousand three hundred fifty dollars."
                      r"\b(?:the|your|our) charges?(?= (?:was|were|is|are|of|amount)\b)|"
                      r"\btotal submitted\b|\b(?:charges?|amount) (?:submitted|billed)\b|"
                      r"charge amount|amount charged|charged amount"),
    # "... the maximum number of claim inquiries allowed for one call" is a limit, not an amount.
    # "Allowed reimbursement one hundred four dollars": the label is one, not "allowed" then a payment.
    ("allowed_amount", r"\ballowed reimbursement\b|(?<!inquiries )(?<!searches )(?<!attempts )(?<!lookups )\ballowed\b"
                       r"(?! (?:for|per) (?:one|each|a|every|this|the|your) (?:call|caller|inquiry|day|session)\b)|allowable|allowance|(?:approved|eligible|contracted|covered) (?:amount|charges?)|"
                       r"amount (?:approved|eligible)|contract(?:ed)? rate|negotiated (?:rate|amount)|fee schedule (?:amount|rate)|"
                       # A repricing network's allowance: "repriced to a network rate of six hundred twelve dollars".
                       r"\brepriced (?:to|at)\b|"
                       # Out-of-network lines allow the usual, customary and reasonable (UCR) amount.
                       r"(?:reasonable|usual) and customary(?: amount| allowance| charge)?|\bucr(?: amount)?\b|"
                       r"qualifying payment amount|"
                       # "Billed two hundred forty dollars. Approved one hundred eighteen dollars and sixty cents."
                       r"\bapproved(?= (?:\$|\d|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)"),
    ("paid_amount", r"paid amount|amount paid|(?:expected )?payment amount|net payment|payment of|\bpaid\b|"
                    # "Amount ninety-eight dollars and forty cents, expected to be mailed March nineteenth": a payment
                    # still to come, named by its date.
                    r"^\W*amount(?=,? [^.]*\b(?:dollars?|cents?)\b,? (?:expected to be|to be|will be) "
                    r"(?:mailed|sent|issued|released|paid)\b)|"
                    # "The carrier issued one hundred eighty-seven dollars ... on March tenth": a payment's amount.
                    r"\b(?:issued|remitted|disbursed)(?= (?:\$|\d|one|two|three|four|five|six|seven|eight|nine|ten|"
                    r"eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b[^.]*\b(?:dollars?|cents?)\b)|"
                    # A claim on the payment floor: "Approved amount awaiting release, eighty-three dollars ...".
                    r"\b(?:approved )?amount (?:awaiting|pending|scheduled for|set for|due for) (?:release|payment)\b|"
                    # "A payment [of] nine hundred ..." with "of" lost: the amount follows the noun.
                    # "... so the payment is zero dollars", "Expected payment eighty-four dollars", but not "their total
                    # expected payment is ...".
                    r"(?<!total )(?<!total expected )\bpayment[:,]?(?= (?:is |was |will be |comes to |totals? )?(?:\$|\d|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
                    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b(?!:))|"
                    r"reimbursement(?: amount)?|amount reimbursed|\breimbursed\b|expects? to pay|expected to pay|"
                    r"approved to pay|(?:scheduled|set|due) to pay\b(?! on)|"
                    # "Medicare will pay one hundred forty-two dollars on or after April 22": a claim on the payment floor.
                    r"(?:\bwill|'ll) (?:pay|release)\b(?= (?:\$|\d|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)|"
                    # Dental and some commercial plans call the payment the benefit: "Total benefit four hundred ...".
                    r"\bbenefit(?: paid| amount)?(?= (?:is |was |of )?(?:\$|\d|zero|one|two|three|four|five|six|seven|eight|"
                    r"nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)"),
    # A student health plan's "student's share", a commercial plan's "insured's portion".
    ("patient_responsibility", r"(?:patient|member|recipient|beneficiary|enrollee|participant|worker|employee|claimant|student|"
                               r"insured|subscriber|policyholder|client|consumer|resident)(?:'s)? "
                               r"(?:(?:monthly|total|remaining|current) )?(?:responsibility|liability|cost[- ]share|portion|share|balance)|"
                               r"(?:patient|member|participant|recipient|beneficiary|enrollee|insured|subscriber|student|client|claimant|"
                               r"employee|worker|policyholder|resident|consumer) owes|\bpr amount|cost[- ]shar(?:e|ing)|"
                               # Medicaid's "share of cost": what the member pays before Medicaid does.
                               r"\bshare of (?:the )?cost\b|"
                               # "You may bill the patient two hundred four dollars and seventy-five cents."
                               r"\b(?:you )?(?:may|can) (?:bill|balance[- ]bill|collect from) (?:the )?(?:patient|member|"
                               r"participant|employee|insured)(?: for)?\b|"
                               # A terse read-out's "Patient resp: twenty-eight dollars".
                               r"\b(?:patient|member|pt) resp\b\.?|"
                               r"(?:amount |balance )?owed by (?:the )?(?:patient|member|participant|recipient|beneficiary|enrollee)|"
                               r"(?:patient|member|participant|recipient|beneficiary|enrollee) is responsible for|(?:patient|member|participant|recipient|beneficiary|enrollee)(?:'s)? out[- ]of[- ]pocket|"
                               r"(?:patient|member|participant|recipient|beneficiary|enrollee)(?:'s)? (?:co-?pay(?:ment)?|"
                               r"co-?insurance)|"
                               # "Balance billable to the injured worker: zero dollars."
                               r"\b(?:balance|amount) (?:billable|owed|due|chargeable) (?:to|from|by) (?:the )?"
                               r"(?:patient|member|recipient|beneficiary|enrollee|injured worker|worker|employee|claimant)\b|"
                               # "Beneficiary deductible and coinsurance $603.28": the member's shares together.
                               r"\b(?:deductible|coinsurance|co-?insurance|co-?pay(?:ment)?)(?:,| and| plus) "
                               r"(?:deductible|coinsurance|co-?insurance|co-?pay(?:ment)?)\b"),
    ("check_number", r"check (?:number|#)|(?:eft|e f t) (?:trace |number)|trace (?:number|is)|payment number|on check\b|"
                     # A TPA that pays by voucher: "Payment voucher number V zero zero seven ...".
                     r"\bvoucher (?:number|#)|"
                     r"(?:payment|eft|check|ach) (?:reference|trace|confirmation)(?: (?:number|#))?|"
                     # Some Medicaid programs pay by warrant, a state's check.
                     r"warrant (?:number|#)|(?:electronic )?funds transfer (?:trace )?(?:number|#)|"
                     # Medicaid plans name the payment by its remittance advice ("Remittance number 2039...").
                     r"remit(?:tance)? (?:advice )?number|\bra number|"
                     # "check one eight four nine three ..." with "number" lost: "check" then a long run of digits.
                     # "Check or EFT, eight eight zero ..." in a terse read-out.
                     r"\b(?:check|eft)(?: or (?:eft|check))?(?=[,:]? (?:(?:zero|oh|one|two|three|four|five|six|seven|"
                     r"eight|nine|double|triple)\b,? ?){6})"),
    ("bulk_payment_amount", r"bulk|total (?:check|eft|payment on the remit|check ?write) amount|whole check|eft total|check total|"
                            r"check ?write total"),
    # A terse read-out's "Group, C O." opens its sentence with the bare word.
    ("adjustment_group_code", r"group code|(?:adjustment|denial|reason) group|^\W*group\b(?=[,:]? )|"
                              # "The denial is group C O, reason code ...": the bare word before a group code.
                              # Not after a reason label, whose segment then keeps the group and its code.
                              r"(?<!reason is )(?<!reason was )(?<!reason: )(?<!reason, )(?<!reason )"
                              r"\bgroup(?=,? (?:c o|p r|o a|p i|c r|co|pr|oa|pi|cr)\b)"),
    ("carc_codes", r"reason codes?|denial codes?|\bcarcs?\b|adjustment reason|denial reason|reduction reason|explanation codes?|"
                   # "Reason: group C O, code fifteen, remark M sixty-two." and "Adjustment code P R one."
                   r"^\W*reason\s*:|^\W*adjustment codes?\b|"
                   r"explanation of benefits? codes?|\be ?o ?b codes?|"
                   # "adjustment C O ninety-seven": a group code and its reason after the bare word. So too
                   # "Reason P R one."
                   r"\b(?:adjustments?|reason)(?=,? (?:c o|p r|o a|p i|c r|co|pr|oa|pi|cr)\b)|"
                   # "Adjustment group P R, reason two.": the group's reason, a number after it.
                   r"\breason(?=,? (?:number )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                   r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)"),
    ("rarc_codes", r"remark codes?|\brarcs?\b|\bremarks?\b"),
    ("expected_processing_days", r"allow:? (?:up to |about |another )?[\w-]+(?: [\w-]+)? (?:more )?(?:business |calendar )?"
                                 r"(?:days|weeks)|processing time|"
                                 r"turnaround|(?:processed|processing|finali[sz]ed?|adjudicated|completed|decided) within|"
                                 # Not "a treatment plan dated within 90 days": what a missing document must be.
                                 # Nor "Claims usually appear within five business days of receipt": how long a new
                                 # claim takes to show up, not to be processed.
                                 r"(?<!dated )(?<!signed )(?<!appear )(?<!appears )(?<!show up )(?<!post )(?<!load )"
                                 r"within [\w-]+ (?:business |calendar )?days|processing (?:usually |normally |typically )?"
                                 r"takes|"
                                 # "Field, estimated processing days. Value, thirty days."
                                 r"\b(?:estimated |expected )?processing days\b|"
                                 # "Estimated time to finalize: fourteen days."
                                 r"(?:estimated |expected )?time to (?:finali[sz]e|process|complete|adjudicate)\b|"
                                 # "Normal processing is thirty days."
                                 r"\b(?:normal|standard|typical|usual|average) processing (?:time )?(?:is|runs|takes)\b|"
                                 # "Expect a decision in about fourteen days."
                                 r"\bexpect (?:a )?(?:decision|determination|resolution|an? answer) (?:in|within)\b|"
                                 r"\b(?:decision|determination) (?:is )?expected (?:in|within)\b"),
    ("timely_filing_days", r"timely filing|filing limit"),
    ("check_cashed", r"\bcashed\b|\bcleared\b|outstanding"),
    ("missing_information", r"\bmissing\b|we need|waiting on|need(?:s)? the"),
    ("reference_number", r"reference(?: number)?|call ref\b|interaction number"),
    # "Claim number ..., for service on November second, is pending."
    ("date_of_service", r"dates? of service|service dates?|\bdos\b|"
                        r"\bfor (?:the )?services? (?:on|dated|beginning|from|starting)\b|"
                        # A facility claim's span: "Statement covers period January twelfth through February ninth".
                        r"\bstatement covers?(?: (?:period|dates?))?(?: from)?|\b(?:service|billing) period\b"),
)
_COMPILED = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _LABELS)
# A claim as the subject of a status verb, after the other things said of it. The claim may be named by its number:
# "Document control number 2 1 6 ..., received March 4, is pending."
_STATUS_PREDICATE = re.compile(
    # "For date of service September ninth, claim number B V 2 6 ... was partially paid on ...": a service date
    # first, or the service named with its date ("For the transport on March first, twenty twenty-six, ...").
    r"^\W*(?:for (?:the |your )?(?:dates? of service|[a-z]+(?: [a-z]+)? (?:on|of|dated)) (?:[^,.]*,\s*){1,2}?)?"
    r"(?:the |this |that |your )?"
    # "Harborline claim number ... was denied": the payer's or plan's name before "claim".
    r"(?:(?:(?!(?:service|line|detail|procedure|charge)s?\b)[\w'-]+ ){1,2}(?=claim\b))?"
    r"(?:claim|bill|it|(?<=this )one|(?<=that )one|document control number|internal control number|dcn|icn)\b[^.]*?"
    # "It's been approved for payment": a contracted verb.
    r"(?:\b(?:was|is|has been|were)\b|'s\b)[^.]*?\b("
    r"partial(?:ly)? paid|paid in part|paid|denied|rejected|adjusted|cancel+ed|voided|pended|pending|"
    r"applied to (?:the )?(?:patient's |member's |recipient's )?(?:deductible|spend-?down)|on the payment floor|in process|"
    # "This claim has been approved to pay and will be released in the financial cycle dated ...".
    r"approved (?:to pay|for payment)|approved and (?:is )?(?:awaiting|waiting for) (?:payment|release)|received|"
    # "... was approved on November 16 and is waiting for the next payment cycle."
    r"(?:waiting|awaiting) (?:for )?(?:the )?(?:next )?(?:\w+ )?(?:payment|check|financial|checkwrite) (?:cycle|run))\b(?! amount)",
    re.IGNORECASE,
)
# Outcomes no amount label can be mistaken for, whatever the subject: "The allowed amount ... was applied to
# the member's deductible". "Paid" is left out: "billed ..., paid on March 3" would read as a status.
_OUTCOME_PREDICATE = re.compile(
    r"\b(?:was|were|has been)\b[^.]*?\b(denied|rejected|adjusted|cancel+ed|voided|"
    r"applied to (?:the )?(?:patient's |member's |recipient's )?(?:deductible|spend-?down))\b",
    re.IGNORECASE,
)
# The claim as "it" after a date: "We received it on November 13, and it's pending review."
_PRONOUN_PREDICATE = re.compile(r"(?:^|,? and |\. )it(?:'s| is| was| has been) (?:now |currently |still )?"
                                r"(pending|pended|in process|under review|denied|adjusted|cancel+ed|voided|partially paid|paid)\b"
                                r"(?! amount)", re.IGNORECASE)
# The claim's verb with no "was": "This claim denied on October eighth."
_BARE_VERB_STATUS = re.compile(r"^\W*(?:the |this |your )?(?:claim|bill) (denied|paid|adjusted|rejected|cancel+ed|voided|"
                               r"pended)(?= on\b| in\b|,|\.|$)", re.IGNORECASE)
# The claim's status inside a longer sentence: "The health plan reports this claim was paid, $490.24, on March 3".
_CLAIM_WAS_PREDICATE = re.compile(r"\b(?:this|that|the|your) (?:claim|bill) (?:was|is|has been) (?:now |currently )?"
                                  r"(partially paid|paid|denied|adjusted|rejected|cancel+ed|voided|pending)\b"
                                  r"(?! amount)", re.IGNORECASE)
# The payer's verb with the claim as its object: "Bill review denied this bill on January twenty-ninth."
_ACTIVE_VERB_STATUS = re.compile(r"\b(denied|adjusted|rejected|cancel+ed|voided) (?:this|the|your) (?:claim|bill)"
                                 r"(?= on\b|,|\.|$)", re.IGNORECASE)
# Nothing done with a claim since it arrived: "... was received on November 18 and hasn't been reviewed yet".
# "... has been received": a present perfect with nothing after it states where the claim is now, not a date.
_HAS_BEEN_RECEIVED = re.compile(r"\b(?:has|have) been received\b(?! on\b)", re.IGNORECASE)
# "... was received March 3 and is in process": received is the status, the processing what it awaits.
_RECEIVED_IN_PROCESS = re.compile(r"\band (?:is|it's|it is) (?:now )?(?:in process|in processing|being processed)\b",
                                  re.IGNORECASE)
_NOTHING_SINCE = re.compile(r"(?:\bnot|n't) (?:yet )?(?:been )?(?:reviewed|processed|adjudicated|worked|looked at|"
                            r"in (?:review|process|processing)|(?:entered|started|begun|gone into) (?:processing|review))\b|"
                            r"\byet to be (?:reviewed|processed|adjudicated|worked)\b|\b(?:awaiting|waiting for) "
                            # "... and is awaiting its first adjudication cycle."
                            r"(?:its |the )?(?:first |initial )?(?:review|processing|adjudication)\b|\bwaiting to be (?:reviewed|processed|adjudicated|worked)\b|"
                            # "... received on March 27 and is in initial edits": still at the front door.
                            r"\bin (?:initial|front[- ]end|pre-?processing) (?:edits?|review|intake|processing)\b|\bin intake\b",
                            re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)
# Part of a claim as the subject of a status verb: "Some charges were reduced or denied with group code C O".
# "The remaining difference was adjusted under group code C O": what is left after the payment, not the claim.
_PART_SUBJECT = re.compile(r"\b(?:charges?|lines?|services?|items?|procedures?|units?|difference|remainder|"
                           r"balance)\b", re.IGNORECASE)
# An amount as the subject of a status verb ("one hundred dollars was applied to the deductible").
_AMOUNT_SUBJECT = re.compile(r"(?:\bdollars?|\bcents?|\$\s?[\d,.]+|\bamount)\W*$", re.IGNORECASE)
_CHECK_FOR_AMOUNT = re.compile(r"\b(?:check|eft|e f t|payment|warrant)\b[^.]*?\b(?:issued|sent|dated|released|mailed)\b"
                               r"[^.]*?,?\s+for ([^.]*\b(?:dollars?|cents?)\b)", re.IGNORECASE)
# An amount the payer will release: "... ninety-eight dollars and sixty-two cents, to be released on ...".
_RELEASED_AMOUNT = re.compile(r"([^.]*\b(?:dollars?|cents?)\b),? (?:to be|will be|is scheduled to be|scheduled to be) "
                              r"(?:released|paid|issued)\b", re.IGNORECASE)
# The same with the amount last: "It is scheduled for release on November 24, in the amount of $2,184.56."
# "This claim is approved for the payment cycle of April 6, in the amount of $140.70" too.
_RELEASE_THEN_AMOUNT = re.compile(r"\b(?:scheduled|set|due|pending|approved) (?:for|to be) (?:the )?(?:release|released|payment|paid|"
                                  r"pay(?:ment)? cycle|financial cycle)\b"
                                  # "... is approved for payment, amount seventy-one dollars and thirty-five cents."
                                  r"[^.]*?\b(?:in the amount of|, amount) ([^.]*\b(?:dollars?|cents?)\b)", re.IGNORECASE)
# Words that make such a sentence a status after all: the whole allowed amount, or no payment.
# "The full approved amount was applied to the deductible": the whole claim, so its status.
_WHOLE_AMOUNT = re.compile(r"\b(?:allowed|approved) amount\b|\bno payment\b|\bpaid (?:zero|nothing)\b|\bin full\b|"
                           r"\b(?:full|entire|whole) (?:\w+ )?amount\b", re.IGNORECASE)
_STATUS_CONTEXT = re.compile(r"\bstatus\b|\b(?:this|that|the|your) claim (?:is|was|has)|\bclaim (?:was|is)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.?!;])\s+")
_CONDITION = re.compile(r"\b(?:if|unless|whether|in case)\b[^.;]*", re.IGNORECASE)


# "Plan payment, dollars and cents: two hundred eleven dollars ...": the unit named before every amount.
_UNIT_HEADER = re.compile(r",? (?:in )?dollars and cents:", re.IGNORECASE)
_RA = re.compile(r"\bR\.? ?A\.?(?= (?:dated|date|number)\b)")
_CLAIM_THEN_NUMBER = re.compile(
    r"^\W*(?:the |this |your )?claim\b[^.]*?, number ((?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|"
    r"triple)\b,? ?){8,})", re.IGNORECASE)
# A read-out laid out as a table: "Field, date received. Value, February seventeenth, twenty twenty-six."
_FIELD_VALUE = re.compile(r"\bfield,?\s+([^.?!]+?)[.,]\s+value,?\s+", re.IGNORECASE)
_PAID_AT_NOTHING = re.compile(r"\bpaid at (?:zero|oh|0) (?:percent|%)(?:,? and)?,?\s*", re.IGNORECASE)
_PAID_AT_LESS = re.compile(r"\bpaid at less than (?:one hundred|a hundred|100) (?:percent|%)", re.IGNORECASE)
# "..., please speak with provider relations by pressing 0": a key to press is no value of the claim.
_KEY_TO_PRESS = re.compile(r"\b(?:press|pressing|dial|dialing|key|keying)\s+(?:\d+|star|pound)\b", re.IGNORECASE)
_BARE_DATE = re.compile(r"\s*date,? (?=(?:january|february|march|april|may|june|july|august|september|october|"
                        r"november|december)\b)", re.IGNORECASE)
_DECIDED_UNPAID = frozenset({ClaimStatus.DENIED, ClaimStatus.CANCELLED, ClaimStatus.ADJUSTED})


def parse_fields(text: str, reference: date | None, *, readout: bool = False) -> dict[str, Extraction[Any]]:
    """Extract every labelled claim field in ``text``.

    ``readout`` marks an IVR read-out, which never corrects itself. There, a
    short sentence that is only a status ("Adjusted.", "Status: adjusted."
    with its label lost) gives the status. A CARC code 0
    does not exist, so it is dropped: it is the "O" of a group code "C O"
    that lost its "C".
    """
    found: dict[str, Extraction[Any]] = {}
    paid_on_only = False
    reimbursed: Extraction[Any] | None = None  # a paid amount labelled "reimbursement", until a payment follows
    text = join_spelled_initialisms(text)
    text = _UNIT_HEADER.sub(":", text)
    text = _KEY_TO_PRESS.sub(" ", text)
    # "This claim was denied on the R A dated March third": a Medicaid remittance advice by its initials.
    text = _RA.sub("remittance advice", text)
    text = _FIELD_VALUE.sub(r"\1: ", text)
    # A share paid named as a percentage: "was paid at zero percent and denied on ...", "paid at less than one
    # hundred percent" (partially paid).
    text = _PAID_AT_NOTHING.sub("", text)
    text = _PAID_AT_LESS.sub("partially paid", text)
    text = _ARTICLE_HOMOPHONE.sub(lambda match: "for" if match.group(0).lower() == "four" else "to", text)
    after_bare_status = False
    for sentence in _SENTENCE.split(text):
        bare = _BARE_DATE.match(sentence)
        status = found.get("claim_status")
        if after_bare_status and status is not None and _ONLY_DATE.fullmatch(sentence):
            # "Status. Paid. March third, twenty twenty-six.": a date alone after a bare status is the date that
            # status is known by (paid on, decided on, received on).
            field = _DATE_OF_STATUS.get(status.value)
            dated = extract_date(sentence, reference, first=True) if field is not None else None
            if dated is not None and field not in found:
                found[field] = dated
                after_bare_status = False
                continue
        after_bare_status = readout and _is_bare_status(sentence)
        if bare and status is not None and status.value in _DECIDED_UNPAID and "processed_date" not in found:
            # "This claim has been cancelled and will be recouped. Date February seventeenth, ...": a bare
            # "Date" after a decision with no payment dates that decision.
            dated = extract_date(sentence[bare.end():], reference, first=True)
            if dated is not None:
                found["processed_date"] = dated
                continue
        earlier = set(found)
        from_sentence = 0
        undated = None
        for name, segment in _value_segments(sentence):
            if name == "date_of_service" and undated is not None and undated not in found:
                # "We received the claim for date of service November 17 on November 20": the date after "on"
                # completes the verb before the service date.
                service = _MONTH_DATE.search(segment)
                tail = _ON_DATE.match(segment, service.end()) if service is not None else None
                dated = extract_date(segment[tail.end():], reference, first=True) if tail is not None else None
                if dated is not None:
                    found[undated] = dated
                    from_sentence += 1
            undated = None
            # "Paid on DATE" in a status sentence may be the processing date; a check date is the payment's own.
            check_date = name == "paid_date" and paid_on_only and _CHECK_DATE.match(segment) is not None
            if name == "paid_amount" and reimbursed is not None and not _REIMBURSEMENT.match(segment):
                _reimbursement_as_allowed(found, reimbursed, segment, reference)
                reimbursed = None
                continue
            if (name in found and not check_date) or name == "date_of_service":
                continue
            value = _extract_segment(name, segment, reference, readout)
            if value is None and name in _DATE_FIELDS:
                undated = name
            if value is not None:
                found[name] = value
                from_sentence += 1
                if name == "paid_amount" and _REIMBURSEMENT.match(segment) and "allowed_amount" not in found:
                    reimbursed = value
                if name == "paid_date":
                    paid_on_only = _PAID_ON.match(segment) is not None
            if name == "paid_amount" and value is not None and "paid_date" not in found:
                paid_on = _date_after_on(segment, reference)
                if paid_on is not None:
                    found["paid_date"] = paid_on
            if name == "carc_codes" and "adjustment_group_code" not in found:
                group = extract_group_code(segment)
                if group is not None and group.confidence >= 0.9:
                    found["adjustment_group_code"] = group
        numbered = _CLAIM_THEN_NUMBER.match(sentence) if "claim_number" not in found else None
        if numbered is not None:
            # "The claim for the visit on March ninth, ..., number six one four two ..., was denied on ...".
            number = extract_identifier(numbered.group(1))
            if number is not None and len(number.value) >= _MIN_CLAIM_NUMBER_DIGITS:
                found["claim_number"] = number
        found.update({name: value for name, value in _amounts_before_labels(sentence).items() if name not in earlier})
        if "paid_amount" not in found and _NO_PAYMENT.search(sentence):
            found["paid_amount"] = Extraction(Decimal("0.00"), 0.9)
        check_for = _CHECK_FOR_AMOUNT.search(sentence)
        if check_for is not None and "paid_amount" not in found:
            # "Check number 0047802266, issued February 23, 2026, for one hundred seventy-six dollars and forty cents."
            amount = extract_money(check_for.group(1))
            if amount is not None:
                found["paid_amount"] = Extraction(amount.value, min(amount.confidence, 0.85))
        released = _RELEASED_AMOUNT.search(sentence) or _RELEASE_THEN_AMOUNT.search(sentence)
        if released is not None and "paid_amount" not in found:
            # "Approved amount $98.62, to be released in the payment cycle of ...": the amount released is the payment.
            amount = extract_money(released.group(1))
            if amount is not None:
                found["paid_amount"] = Extraction(amount.value, min(amount.confidence, 0.85))
        # "... and may change if the claim is adjusted": a condition names no status the claim has.
        sentence = _CONDITION.sub("", sentence)
        # "Where it stands: partially paid.", "Current standing: denied." name the status in other words.
        explicit = re.search(r"\bstatus\b|\bwhere (?:it|the claim|this claim|that claim|things) stands?\b|\bstanding\b",
                             sentence, re.IGNORECASE) is not None
        implied = not from_sentence and (
            _STATUS_CONTEXT.search(sentence) is not None or (readout and _is_bare_status(sentence))
        )
        if "claim_status" not in found and (explicit or implied):
            status = extract_claim_status(sentence)
            if status is not None:
                found["claim_status"] = status
        predicate = (_STATUS_PREDICATE.search(sentence) or _OUTCOME_PREDICATE.search(sentence)
                     or _PRONOUN_PREDICATE.search(sentence) or _BARE_VERB_STATUS.search(sentence)
                     or _ACTIVE_VERB_STATUS.search(sentence) or _CLAIM_WAS_PREDICATE.search(sentence))
        if predicate is not None and _AMOUNT_SUBJECT.search(sentence[:predicate.start()]) and not _WHOLE_AMOUNT.search(sentence):
            predicate = None  # "Of that, one hundred dollars was applied to the deductible" is an amount, not a status
        if predicate is not None and _NEGATED.search(sentence[predicate.start():predicate.start(1)]):
            predicate = None  # "It is not paid yet" names the status it does not have
        if predicate is not None and _PART_SUBJECT.search(sentence[:predicate.start()]):
            predicate = None  # "Some charges were reduced or denied" is about lines of a claim, not the claim
        if "claim_status" not in found and predicate is not None:
            # "Claim one, claim number ..., was processed on ... and partially paid on ...": the claim's verb.
            # An approval is read with what follows it: "approved to pay, and paid on ..." is paid.
            verb = predicate.group(1)
            # So is a receipt: "received on March 3 and paid on March 20" is paid. A receipt alone is the status only
            # when the sentence says nothing has happened since ("... and hasn't been reviewed yet").
            status = extract_claim_status(sentence[predicate.start(1):]
                                          if verb.lower().startswith(("approved", "received")) else verb)
            if (status is not None and status.value is ClaimStatus.RECEIVED
                    and not _NOTHING_SINCE.search(sentence[predicate.end(1):])
                    and not _HAS_BEEN_RECEIVED.search(sentence)
                    and not _RECEIVED_IN_PROCESS.search(sentence[predicate.end(1):])):
                status = None
            if status is not None:
                found["claim_status"] = status
    return found


# "Reimbursement one thousand five hundred forty dollars. Payment one thousand two hundred thirty-two dollars": with
# a payment named after it, the reimbursement is what the payer allows, before the patient's share comes off.
_REIMBURSEMENT = re.compile(r"reimburse", re.IGNORECASE)


def _reimbursement_as_allowed(found: dict[str, Extraction[Any]], reimbursed: Extraction[Any], segment: str,
                              reference: date | None) -> None:
    """Make a "reimbursement" amount the allowed one when a smaller payment follows it in the same read-out."""
    payment = _extract_segment("paid_amount", segment, reference)
    if payment is None or payment.value > reimbursed.value or "allowed_amount" in found:
        return
    found["allowed_amount"] = reimbursed
    found["paid_amount"] = payment
    if "paid_date" not in found:
        paid_on = _date_after_on(segment, reference)
        if paid_on is not None:
            found["paid_date"] = paid_on


def reimbursements_as_allowed(texts: list[str], reference: date | None) -> list[str]:
    """Relabel a "reimbursement" amount as the allowed one when a later utterance of the read-out pays less.

    "Reimbursement amount $9,112.40." then "Deductible $1,676." then "Net
    payment $7,436.40, ...": what is left after the patient's share is the
    payment, so the reimbursement is what the payer allows. Within one
    utterance, parse_fields does this itself.
    """
    out = list(texts)
    for index, text in enumerate(texts):
        if not _REIMBURSEMENT.search(text):
            continue
        own = parse_fields(text, reference, readout=True)
        reimbursed = own.get("paid_amount")
        if reimbursed is None or "allowed_amount" in own:
            continue
        for later in texts[index + 1:index + 4]:
            found = parse_fields(later, reference, readout=True)
            if "claim_number" in found or "allowed_amount" in found:
                break  # another claim's read-out, or an allowed amount of its own
            payment = found.get("paid_amount")
            if payment is not None and not _REIMBURSEMENT.search(later):
                if payment.value < reimbursed.value:
                    out[index] = _REIMBURSEMENT_LABEL.sub("allowed amount", text)
                break
    return out


_REIMBURSEMENT_LABEL = re.compile(r"\breimbursement(?: amount)?\b", re.IGNORECASE)


# An amount named before its label: "Of the one hundred sixty-five dollars billed, one hundred eighteen dollars and
# sixty cents was allowed and ninety-four dollars was paid." The labels after the amounts would give each the next one.
# "... eighty-five dollars billed", "... for three hundred ten dollars in charges".
_AMOUNT_THEN_LABEL = re.compile(r"\b(?:dollars?|cents?)\s+(?:was\s+|were\s+|is\s+|has been\s+)?"
                                r"(billed|allowed|paid|in (?:total |billed )?charges)\b", re.IGNORECASE)
_AMOUNT_START = re.compile(r",\s*|\bof the\s+|\band\s+(?!(?:[\w-]+\s+){0,2}cents\b)", re.IGNORECASE)
_LABEL_BEFORE_AMOUNT = re.compile(r"\b(?:billed|allowed|paid|amount|charges?|liability|responsibility|share|owes)\b",
                                  re.IGNORECASE)
_TRAILING_LABELS = {"billed": "billed_amount", "allowed": "allowed_amount", "paid": "paid_amount"}


def _amounts_before_labels(sentence: str) -> dict[str, Extraction[Any]]:
    found: dict[str, Extraction[Any]] = {}
    for match in _AMOUNT_THEN_LABEL.finditer(sentence):
        before = sentence[:match.start(1)]
        piece = _AMOUNT_START.split(before)[-1]
        if _LABEL_BEFORE_AMOUNT.search(piece):
            continue  # "... billed amount one hundred eighty-five dollars allowed amount ...": the amount has its label
        amount = extract_money(piece)
        label = match.group(1).lower()
        name = "billed_amount" if label.endswith("charges") else _TRAILING_LABELS[label]
        if amount is not None and name not in found:
            found[name] = amount
    return found


# A sentence about part of a labelled amount: "Of the member's share, thirty-one dollars went to the deductible."
_PART_OF = re.compile(r"^\W*of (?:the|that|this)\b[^,.]{0,40},[^.]*\b(?:went|goes|was applied|were applied|applies|"
                      r"was taken|counts?|counted) (?:to|toward|towards)\b", re.IGNORECASE)
_PAID_ON = re.compile(r"\s*paid,? (?:in full,? )?on\b", re.IGNORECASE)
_CHECK_DATE = re.compile(r"\s*(?:(?:check|eft|payment) (?:date|was issued|issued)|issued|released)\b", re.IGNORECASE)


def paid_date_label(text: str) -> str | None:
    """Say how a read-out sentence labels its paid date: "paid_on" ("paid on the remittance advice dated ..."),
    "check" (a check or EFT date: "check date ...", "..., released October 20"), or None.

    A claim "paid on" a date with a check released on a later one was paid by that check. The first date
    is when the payer processed it (its remittance advice).
    """
    for name, segment in _value_segments(join_spelled_initialisms(text)):
        if name == "paid_date":
            if _CHECK_DATE.match(segment):
                return "check"
            if _PAID_ON.match(segment) or _PAID_ON_REMIT.match(segment):
                return "paid_on"
    return None


_PAID_ON_REMIT = re.compile(r"\s*(?:remit(?:tance)?(?: advice)? dated|remit(?:tance)? (?:advice )?date)\b", re.IGNORECASE)
# A claim status stating that nothing was paid: "applied to the deductible, with no payment".
_NO_PAYMENT = re.compile(r"\bwith no (?:medicare |medicaid |plan )?payment\b|"
                         # "... applied to the deductible, so there's no plan payment."
                         r"\b(?:there's|there is|there was|so) no (?:medicare |medicaid |plan |insurance )?payment\b|\bno benefit (?:is|was) (?:payable|paid)\b|\bno (?:[\w-]+ )?payment (?:was|has been) (?:made|issued)\b|\bnothing was paid\b",
                         re.IGNORECASE)
# "on" and a date right after a service date: "... November seventeenth, twenty twenty-six on November twentieth".
_ON_DATE = re.compile(r"\s*,?\s+on\s+(?=(?:january|february|march|april|may|june|july|august|september|october|"
                      r"november|december)\b)", re.IGNORECASE)
_TO_APPEAR = re.compile(r"\bto (?:appear|show up|post|be posted|be loaded|be on file)\b|\bon file\b", re.IGNORECASE)
_LOST_AMOUNT_FIELDS = frozenset({"billed_amount", "allowed_amount", "paid_amount", "patient_responsibility"})
# Remnants of a date or an amount whose other words were lost: a month, a spoken year, "dollars".
_DATE_REMNANT = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
                           r"december|twenty twenty|20\d\d)\b")
_AMOUNT_REMNANT = re.compile(r"\b(?:dollars?|cents?)\b")
# "Status:" or "Status." alone; "Claim status." is also a menu's heading.
_STATUS_ALONE = re.compile(r"\bstatus\s*:\W*$|^\W*status\W*$")


def lost_values(text: str, reference: date | None) -> set[str]:
    """Name the fields a read-out labels whose value was lost or cut on the line.

    "Finalized March twenty twenty-six" (the day lost), "Member cost share
    fifty-seven dollars and cents" (the cents lost) and "Status:" (the
    status lost) give no value. Such a field needs another hearing, or a
    person; what is left of it is never a value.
    """
    found = parse_fields(text, reference, readout=True)
    lost: set[str] = set()
    for sentence in _SENTENCE.split(text):
        for name, segment in _value_segments(sentence):
            if name in found:
                continue
            lowered = segment.lower()
            if (name in _DATE_FIELDS and _DATE_REMNANT.search(lowered)) or (
                name in _LOST_AMOUNT_FIELDS and _AMOUNT_REMNANT.search(lowered)
            ):
                lost.add(name)
        if "claim_status" not in found and _STATUS_ALONE.search(sentence.lower()):
            lost.add("claim_status")
    return lost


# "applied two the deductible": a number word never comes before an article, "to" and "for" do. Nor does one
# name the services a claim is for: "claim number ... eight one, four services on November 16".
# "A" before a spelled digit is a letter of an identifier ("six two A zero one"), not an article.
_ARTICLE_HOMOPHONE = re.compile(r"\b(two|too|four)(?= (?:the|a|an|your|this|that)\b(?! (?:zero|oh|one|two|three|four|five|six|"
                                r"seven|eight|nine|\d)\b))|"
                                r"\b(four)(?= (?:services?|dates? of service)\b(?! (?:were|was|are|is|billed)\b))|"
                                # "This claim is approved four payment in the amount of ...".
                                r"(?<=approved )(four)(?= payment\b)",
                                re.IGNORECASE)
_BARE_STATUS_WORDS = frozenset(
    "the a an uh is was has been claim this on in to with payment floor process processing pending paid partially "
    "denied adjusted cancelled canceled voided received applied deductible suspended approved finalized".split()
)


# A sentence that is only a date: "March third, twenty twenty-six."
_ONLY_DATE = re.compile(r"\W*(?:on\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|"
                        r"december)\b[\w\s,-]*[.!]?\s*", re.IGNORECASE)
# The date that goes with each status, for a read-out that gives the status and then only a date.
_DATE_OF_STATUS = {
    ClaimStatus.PAID: "paid_date", ClaimStatus.PARTIALLY_PAID: "paid_date", ClaimStatus.PAYMENT_FLOOR: "paid_date",
    ClaimStatus.DENIED: "processed_date", ClaimStatus.ADJUSTED: "processed_date", ClaimStatus.CANCELLED: "processed_date",
    ClaimStatus.APPLIED_TO_DEDUCTIBLE: "processed_date", ClaimStatus.PENDING: "received_date",
    ClaimStatus.RECEIVED: "received_date",
}


def _is_bare_status(sentence: str) -> bool:
    """Tell whether a sentence is only a claim status, with no number or other words ("Adjusted.")."""
    words = re.findall(r"[a-z']+|\d", re.sub(r"\b(?:with )?no payment\b", " ", sentence.lower()))
    return 0 < len(words) <= 8 and all(word in _BARE_STATUS_WORDS for word in words)


_WHAT_FOLLOWS = re.compile(r",?\s*\b(?:and )?(?:let me|i'll|i will)(?: go ahead and)? (?:read|give|go over|run through)\b",
                           re.IGNORECASE)


def parse_answer(field: str, text: str, reference: date | None) -> dict[str, Extraction[Any]]:
    """Read an answer to a question about ``field``: the asked field first, then any volunteered ones."""
    if field == "claim_status":
        # "It's showing as received, and let me read you the billed, allowed, paid ...": what follows names fields
        # to come, and "so you have everything in one shot" gives none of them.
        text = _WHAT_FOLLOWS.split(text, maxsplit=1)[0]
    found = parse_fields(text, reference)
    if field == "claim_status":
        status = extract_claim_status(text)
        if status is not None:
            found["claim_status"] = status
        return found
    if field == "allowed_amount" and _REIMBURSEMENT.search(text) and "paid_amount" in found:
        # "What is the allowed amount?" "Reimbursement amount is $9,112.40.": the payer's name for what it allows.
        found["allowed_amount"] = found.pop("paid_amount")
    if field in _DATE_FIELDS and field in found and "check_number" in found:
        # "We cut the check zero two zero six, two zero two six" gives the paid date: the digits after "check" are
        # that date, not a check number.
        stated_date = found[field].value
        if found["check_number"].value in {stated_date.strftime("%m%d%Y"), stated_date.strftime("%m%d%y")}:
            del found["check_number"]
    if field in found:
        return found
    others = [name for name in found if name in _DATE_FIELDS and name != field]
    if field in _DATE_FIELDS and len(others) == 1:
        # "What date was the claim processed?" "It went through the payment cycle on February third.": the one
        # date of the answer is the date asked for, whatever the label the person put on it.
        found[field] = found.pop(others[0])
        return found
    if field == "check_number":
        # Unlabelled, "went out under E F T zero zero ..." names the payment's method before its trace.
        asked = _extract_segment(field, join_spelled_initialisms(text), reference)
    elif field == "claim_number":
        # "[Claim] I D, two six zero four ...": what is left of a "claim ID" label is not part of the number.
        asked = FIELD_EXTRACTORS[field](_ID_LABEL_LEFT.sub("", text), reference)
    else:
        asked = FIELD_EXTRACTORS[field](text, reference)
    if asked is not None:
        found[field] = asked
    return found


def _value_segments(sentence: str) -> list[tuple[str, str]]:
    """Cut a sentence at field labels, leaving out a label that names only the whole a part is taken from."""
    segments = _segments(sentence)
    if segments and _PART_OF.match(sentence) and sentence.find(segments[0][1]) < sentence.find(","):
        return segments[1:]  # "Of the member's share, $31.78 went to the deductible": a part, not the share
    return segments


def _segments(sentence: str) -> list[tuple[str, str]]:
    """Cut a sentence at field labels; each piece runs from its label to the next label."""
    hits: list[tuple[int, int, str]] = []
    for name, pattern in _COMPILED:
        for match in pattern.finditer(sentence):
            hits.append((match.start(), match.end(), name))
    hits.sort(key=lambda hit: (hit[0], -hit[1]))
    kept: list[tuple[int, int, str]] = []
    for start, end, name in hits:
        if kept and start < kept[-1][1]:
            continue
        if kept and kept[-1][2] == "reference_number" and name == "check_number" and _TRACE_PREFIX.fullmatch(
                sentence, kept[-1][1], end):
            # "payment issued March 6, reference number E F T zero zero nine ...": the reference is the
            # payment's, and its letters are part of the trace.
            start = kept.pop()[0]
        elif name == "check_number" and _TRACE_PREFIX.fullmatch(sentence, start, end):
            # "Trace E F T double eight ...", "E F T E F T, double eight ...": the word before names the payment,
            # so the letters after it open the trace.
            lead = _TRACE_LEAD.search(sentence, 0, start)
            if lead is not None and (not kept or lead.start() >= kept[-1][1]):
                start = lead.start()
        kept.append((start, end, name))
    segments = []
    for index, (start, _, name) in enumerate(kept):
        stop = len(sentence)
        for later_start, _, later_name in kept[index + 1:]:
            if later_name != name:
                stop = later_start
                break
        segments.append((name, sentence[start:stop]))
    return segments


_TO_BEFORE_TENS = re.compile(r"(?<=allow )(?:two|too) (?=(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)",
                             re.IGNORECASE)


def _extract_segment(name: str, segment: str, reference: date | None, readout: bool = False) -> Extraction[Any] | None:
    if name == "expected_processing_days" and _TO_APPEAR.search(segment):
        return None  # "allow up to fourteen days for it to appear" is how long a new claim takes to be on file
    if name == "expected_processing_days":
        # "Allow two forty-five days" is "allow up to forty-five days" with "up" lost and "to" heard as "two".
        segment = _TO_BEFORE_TENS.sub("", segment)
    if name in _DATE_FIELDS:
        # The date nearest after the label: a later one belongs to a verb the labels missed.
        return extract_date(segment, reference, first=True)
    if readout and name == "carc_codes":
        codes = FIELD_EXTRACTORS[name](segment, reference)
        if codes is None or "0" not in codes.value:
            return codes
        kept = [code for code in codes.value if code != "0"]
        return Extraction(kept, codes.confidence) if kept else None
    if name == "paid_amount":
        dated = extract_date(segment, reference)
        if dated is not None and dated.confidence >= 0.9 and extract_money(_money_text(segment)) is None:
            return None
        return extract_money(_money_text(segment), "paid_amount")
    if name in {"billed_amount", "allowed_amount", "patient_responsibility", "bulk_payment_amount"}:
        return extract_money(_money_text(segment), name)
    if name == "check_number":
        # "check or E F T number E F T eight eight one ...": the letters before the digits are the trace's own.
        segment = _LETTERED_TRACE.sub(lambda match: " ".join(match.group(1)), segment)
        trace = FIELD_EXTRACTORS[name](segment, reference)
        if trace is not None and re.match(r"(EFT|ACH)\1", str(trace.value)):
            # "E F T, E as in Edward, F as in Frank, T as in Tom, double seven ...": the label, then the spelling.
            return Extraction(str(trace.value)[3:], trace.confidence)
        return trace
    return FIELD_EXTRACTORS[name](segment, reference)


# An initialism joined for label matching that starts a trace number's value right after its label ("number EFT
# eight eight one two"). Without the label ("went out under E F T zero ...") it names how the payment went.
_LETTERED_TRACE = re.compile(r"(?:(?<=number )|(?<=number is )|(?<=number: )|(?<=number, )|(?<=reference )|"
                             r"(?<=reference is )|(?<=trace )|(?<=eft )|(?<=ach ))(EFT|ACH|TRN)"
                             r"(?=,? (?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple|\d))",
                             re.IGNORECASE)


_ID_LABEL_LEFT = re.compile(r"^\W*(?:(?:that's|it's|it is)\s+)?(?:i d|id)\b,?\s*(?=(?:zero|oh|one|two|three|four|five|"
                            r"six|seven|eight|nine|double|triple|\d)\b)", re.IGNORECASE)
_TRACE_PREFIX = re.compile(r"\s*(?:is\s+|:\s*)?(?:EFT|ACH|TRN)\b", re.IGNORECASE)
_TRACE_LEAD = re.compile(r"\b(?:trace|eft|ach)\s*$", re.IGNORECASE)
_DATE_FIELDS = frozenset({"received_date", "processed_date", "paid_date"})
# "paid fifty dollars on March third", "payment was fifty dollars, sent March third".
_ON = re.compile(r"\b(?:on|sent|issued|released|mailed|disbursed)\b", re.IGNORECASE)
# Medicaid's spend-down is the member's deductible under another name.
# A terse read-out labels it: "Deductible: one hundred eighteen dollars and seventy-seven cents."
_DEDUCTIBLE = re.compile(r"(?:(?:applied|went|taken) to|\btowards?) (?:the )?(?:patient's |member's |recipient's |beneficiary's )?"
                         # "applied to the member's Part B deductible", "... annual deductible".
                         r"(?:(?:part [a-d]|annual|calendar[- ]year|yearly|plan|individual|family) )?"
                         r"(?:deductible|spend-?down)|^\W*(?:deductible|spend[- ]?down)(?: amount| applied)?\s*:|"
                         # "Amount to member deductible one hundred thirty-one dollars and forty cents."
                         r"\bamount to (?:the )?(?:(?:member|patient|recipient|beneficiary)(?:'s)? )?deductible\b|"
                         # "... was applied to the deductible. ... Amount applied, one hundred two dollars ...".
                         r"(?:^|[.;,]\s+)amount applied(?=,? )|"
                         # A terse list: "Billed ..., allowed ..., deductible one hundred four dollars, ...".
                         r"(?:^|[,;.]\s+)deductible(?: amount| applied)?(?=,? (?:\$?\d|zero|one|two|three|four|five|six|seven|eight|nine|ten|"
                         r"eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)", re.IGNORECASE)


def _date_after_on(segment: str, reference: date | None) -> Extraction[Any] | None:
    """Read the date of "paid fifty dollars on March third" or "... fifty dollars, sent March third": the payment's."""
    # The last "on" with a date after it: "... on February 19, 2026, on payment number ..." ends on another "on".
    for match in reversed(list(_ON.finditer(segment))):
        dated = extract_date(segment[match.end():], reference)
        if dated is not None:
            return dated if dated.confidence >= 0.9 else None
    return None


# "Copayment five dollars." read as a field of its own: the patient's copay.
_COPAY_ALONE = re.compile(r"(?:^|[.!?]\s+)\W*(?:the )?(?:patient |member |family |recipient |client |household )?"
                          r"co-?pay(?:ment)?(?: amount)?(?: is| was|:|,)?\s",
                          re.IGNORECASE)


def parse_copay(text: str) -> Extraction[Any] | None:
    """Return the copay a read-out reads as a field of its own ("Copayment five dollars"), or ``None``."""
    match = _COPAY_ALONE.search(text)
    if match is None:
        return None
    sentence = re.split(r"(?<=[.!?])\s+", text[match.end():], maxsplit=1)[0]
    return extract_money(_money_text(sentence), "patient_responsibility")


def parse_deductible(text: str) -> Extraction[Any] | None:
    """Return the amount a read-out says went to the deductible ("Applied to deductible forty dollars")."""
    text = _FIELD_VALUE.sub(r"\1: ", text)
    match = _DEDUCTIBLE.search(text)
    if match is None:
        return None
    amount = extract_money(_money_text(text[match.end():]), "patient_responsibility")
    if amount is None or amount.value == 0:
        # "Of that, two hundred twelve dollars went to the member's deductible": the amount before the verb.
        # So too "The full $140 went to the patient's deductible, so the plan paid zero dollars".
        before = text[:match.start()]
        before = before[max(before.rfind("."), before.rfind(","), before.rfind(";")) + 1:]
        # Only an amount spoken as money counts: "Claim number F two six ... was applied to the deductible" names none.
        if _MONEY_WORD.search(before):
            amount = extract_money(_money_text(before), "patient_responsibility")
    # "Applied to the deductible, with no payment" is a status, not an amount.
    return amount if amount is not None and amount.value > 0 else None


_MONEY_WORD = re.compile(r"\b(?:dollars?|cents?)\b|\$", re.IGNORECASE)
_NUMBER_WORDS = frozenset(
    "zero oh o one won two to too three four for five six seven eight ate nine double triple".split()
)
_FILLER_WORDS = frozenset("the a an uh um is was claim number control document your".split())
# "Claim one, ..." before a number names which claim is read, and is no part of the number.
_CLAIM_ORDINAL = re.compile(r"^\s*(?:claim )?(?:one|two|three|four|five|won|to|too|for|\d)\s*[,:.]", re.IGNORECASE)
# Payer claim numbers (ICN, DCN) usually run 11 digits or more, and spoken dates and amounts
# are shorter than 9 digits.
# NOTE: a check or EFT number can be as long. One whose label was lost is taken for the claim
# number unless the claim number was already heard, which the navigator checks.
_MIN_CLAIM_NUMBER_DIGITS = 9


def parse_unlabelled_claim_number(text: str) -> Extraction[Any] | None:
    """Read a claim number whose label the recogniser lost ("The is two two six nine ...").

    Only a sentence made of one long number and filler words qualifies, so
    read-backs ("I heard ..."), menus and other fields never do. The value is
    returned with a lowered confidence, because the label was not heard.
    """
    text = _CLAIM_ORDINAL.sub("", text)
    words = re.findall(r"[a-z0-9'-]+", text.lower())
    if not words or any(word not in _FILLER_WORDS and word not in _NUMBER_WORDS and not word.isdigit()
                        for word in words):
        return None
    heard = extract_identifier(text)
    if heard is None or not heard.value.isdigit() or len(heard.value) < _MIN_CLAIM_NUMBER_DIGITS:
        return None
    return Extraction(heard.value, min(heard.confidence, 0.8))


# Workers' compensation lines read a provider's claims as bills: "Bill two. Bill control number ...".
# "Details for claim two." heads the second claim's detail after a summary of all of them.
# A listing may number its claims without naming them: "Number one. Date of service ..., claim Q two six ...".
_LISTING_PLACE = r"(?:number|item) (?:\d|one|two|three|four|five|six)(?=[.,:])"
_CLAIM_START = re.compile(r"^\s*(?:(?:details? (?:for|on|of) )?(?:claim|bill) (?:\d+|one|two|three|four|five|six|number)\b|"
                          rf"{_LISTING_PLACE})", re.IGNORECASE)
_BLOCK_ORDINAL = re.compile(r"^\W*(?:(?:details? (?:for|on|of) )?(?:claim|bill) (\d+|one|two|three|four|five|six)\b|"
                            r"(?:number|item) (\d|one|two|three|four|five|six)(?=[.,:]))", re.IGNORECASE)
_ORDINAL_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# A label that names a claim's number, not one that refers back to it ("No payment will be issued on this claim number").
_CLAIM_NUMBER_LABEL = re.compile(r"(?<!this )(?<!that )(?<!the same )(?:\bclaim (?:number|id)\b|\b(?:icn|dcn|tcn)\b|"
                                 r"\b[idt] c n\b|"
                                 r"\b(?:internal|document|claim|bill) control number\b)(?!\s*[.?!]?$)", re.IGNORECASE)


def claim_blocks(texts: list[str]) -> list[list[int]]:
    """Group read-out sentences by claim: a new claim starts at "Claim two ..." or "Claim number ...".

    Returns lists of indexes into ``texts``, in order; sentences before the
    first claim start form a block of their own.
    """
    blocks: list[list[int]] = []
    numbered = False
    for index, text in enumerate(texts):
        names_number = _CLAIM_NUMBER_LABEL.search(text) is not None
        # "For the service on July 22, claim number ..." twice in a row: a second number is a second claim.
        if not blocks or _CLAIM_START.match(text) or (names_number and numbered):
            blocks.append([])
            numbered = False
        blocks[-1].append(index)
        numbered = numbered or names_number
    return blocks


def block_ordinal(text: str) -> int | None:
    """Return which claim of a listing a sentence starts ("Claim two, date of service ..." is 2), or None."""
    match = _BLOCK_ORDINAL.match(text)
    if match is None:
        return None
    word = (match.group(1) or match.group(2)).lower()
    return int(word) if word.isdigit() else _ORDINAL_WORDS[word]


def parse_service_date(text: str, reference: date | None) -> Extraction[Any] | None:
    """Return the date of service a read-out sentence gives ("Date of service March fourth, 2026")."""
    for name, segment in _segments(text):
        if name == "date_of_service":
            # The date nearest the label: a later one ("... on November twentieth") belongs to another verb.
            dated = extract_date(segment, reference, first=True)
            if dated is not None and dated.confidence >= 0.9:
                return dated
    return None


def parse_service_span(text: str, reference: date | None) -> tuple[Extraction[Any] | None, Extraction[Any] | None]:
    """Return the first and the last date of service of a read-out sentence, cutting it at labels once.

    The first date is the one ``parse_service_date`` returns; the last is the first confident date after "through".
    """
    first: Extraction[Any] | None = None
    last: Extraction[Any] | None = None
    for name, segment in _segments(text):
        if name != "date_of_service":
            continue
        if first is None:
            dated = extract_date(segment, reference, first=True)
            first = dated if dated is not None and dated.confidence >= 0.9 else None
        through = _THROUGH.search(segment) if last is None else None
        if through is not None:
            dated = extract_date(segment[through.end():], reference, first=True)
            last = dated if dated is not None and dated.confidence >= 0.9 else None
        if first is not None and last is not None:
            break
    return first, last


_THROUGH = re.compile(r"\b(?:through|thru)\b", re.IGNORECASE)
_MONTH_DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b[^.;]*?"
    r"(?:\b(?:19|20)\d\d\b|twenty[- ]\w+(?:[- ]\w+)?|two thousand(?: and)?(?: [\w-]+)?)",
    re.IGNORECASE,
)


# A recogniser writes "to hundred" for "two hundred" and "for thousand" for "four thousand".
_SCALE_HOMOPHONE = re.compile(r"\b(to|too|for)(?= (?:hundred|thousand)\b)", re.IGNORECASE)
# "fifty-four dollars and ninety-one" with "cents" lost at the end of the amount.
_CENTS_LOST = re.compile(
    r"(\bdollars? and (?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen))(?=\s*(?:[.,;]|$)|\s+(?!cents?\b|hundred\b|thousand\b)[a-z])",
    re.IGNORECASE,
)


# "thirty-two dollars, twenty-two and forty cents": the next amount, its label lost, follows a comma.
_NEXT_AMOUNT = re.compile(
    r"\bdollars?,\s+(?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)",
    re.IGNORECASE,
)


def _money_text(segment: str) -> str:
    """Prepare a read-out segment for the money extractor: no date words, homophones and a lost "cents" restored."""
    text = _without_date_words(segment)
    part = _PART_CLAUSE.search(text)
    if part is not None:
        # "Member responsibility is [lost] dollars, including zero dollars toward the deductible": the amount after
        # "including" is a part of the one labelled, never the whole.
        text = text[: part.start()]
    cut = _NEXT_AMOUNT.search(text)
    if cut is not None:
        text = text[: cut.start()] + "dollars."
    text = _SCALE_HOMOPHONE.sub(lambda match: "four" if match.group(1).lower() == "for" else "two", text)
    # A segment ends where the next label starts: "allowed $246 and [paid ...]" ends in a joining "and".
    text = _JOINING_AND.sub("", text)
    return _CENTS_LOST.sub(r"\1 cents", text)


_PART_CLAUSE = re.compile(r",?\s*\b(?:including|of which)\b(?=[^.]*\b(?:toward|towards|to|for|applied|went)\b)",
                          re.IGNORECASE)
_JOINING_AND = re.compile(r"(?<=dollars)\s*,?\s*\band\s*$", re.IGNORECASE)


# A spoken year left alone when its month was lost ("paid ... on twenty twenty-six").
_SPOKEN_YEAR = re.compile(
    r"\b(?:on |in )?(?:twenty[- ](?:twenty|thirty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"(?:19|20)\d\d)\b(?! dollars?\b| cents?\b)",
    re.IGNORECASE,
)


def _without_date_words(segment: str) -> str:
    """Blank out a spoken month-name date, or a year left alone, so its year is not read as money."""
    return _SPOKEN_YEAR.sub(" ", _MONTH_DATE.sub(" ", segment))


# "Line two, ...", not a line's own label ("Line status paid.", "Line paid amount ...").
_LINE_LABELS = (r"(?:status|paid|billed|allowed|amount|denial|denied|reason|remark|adjustment|charges?|procedure|code|"
                r"units?|date|dates|detail|details|level|items?)")
# "Line one:", "Service line two,", and a facility's "Revenue line one:" or "Revenue code line two".
# A Medicaid remittance's "Detail one, procedure nine nine two one four, ..." numbers its lines as details.
_LINE_START = re.compile(rf"\s*(?:(?:service |detail |revenue (?:code )?|procedure )?line (?!{_LINE_LABELS}\b)(?:\w+|\d+)\b[,:]?|"
                         r"detail (?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s*[,:])",
                         re.IGNORECASE)
# A line's own label opening a sentence: "Line status paid.", "Line paid amount ...". Never claim-level.
_LINE_LABEL = re.compile(rf"\s*(?:service |detail |revenue (?:code )?|procedure )?line {_LINE_LABELS}\b", re.IGNORECASE)
_MENU_TEXT = re.compile(r"\bpress\b|\bsay\b [a-z]+ or|\bto hear\b|\bmain menu\b", re.IGNORECASE)
_PROCEDURE = re.compile(r"\b(?:procedure|cpt|hcpcs|code)(?: code)?,?\s+(.+?)(?:[.,;]|$)", re.IGNORECASE)


@dataclass
class LineReadout:
    """One service line read out by an IVR: its fields and where the line began."""

    texts: list[str]
    start: int

    def fields(self, reference: date | None) -> dict[str, Extraction[Any]]:
        joined = " ".join(self.texts)
        found = parse_fields(joined, reference)
        status = extract_claim_status(joined)
        if status is not None:
            found["claim_status"] = status
        return found

    def procedure_code(self) -> str | None:
        match = _PROCEDURE.search(" ".join(self.texts))
        if match is None:
            return None
        code = extract_identifier(match.group(1))
        return code.value if code is not None and len(code.value) == 5 else None


def split_lines(texts: list[str]) -> tuple[int, list[LineReadout]]:
    """Find line-level detail in a read-out.

    Returns the number of leading texts that are claim-level, and the lines
    that follow ("Line one: ... Billed ..., allowed ..., paid ..."), each up
    to the next line or the menu after the read-out.
    """
    lines: list[LineReadout] = []
    claim_level = len(texts)
    for index, text in enumerate(texts):
        if (_LINE_START.match(text) or (lines and _starts_line_number(text, len(lines) + 1))
                or (not lines and _LINE_LABEL.match(text))):
            if not lines:
                claim_level = index
            lines.append(LineReadout([text], index))
        elif lines and (_MENU_TEXT.search(text) or _CLAIM_SUMMARY.match(text)):
            break
        elif lines:
            lines[-1].texts.append(text)
    return claim_level, lines


# A read-out that gives a claim's lines before its totals returns to the claim: "Summary for claim one. This claim
# was cancelled on ...", "Claim totals: billed ...".
# "Here are the claim totals.", "Now the claim summary." also open the claim-level part.
_CLAIM_SUMMARY = re.compile(r"\s*(?:(?:here (?:are|is)|now|next),? (?:the )?)?(?:summary|totals?|claim (?:totals?|summary))\b|"
                            r"\s*(?:this|the) claim (?:was|is|has)\b|"
                            # "For I C N two one two six ..., payment was issued on April third, ...": the claim's own
                            # payment, named by its number after its lines.
                            r"\s*for (?:the )?(?:claim|claim number|icn|i c n|dcn|d c n|tcn|t c n|internal control number)\b|"
                            # "Adjustment codes for claim number two two six ...: group code C O, ...".
                            r"\s*(?:adjustment|denial|reason|remark) codes? for (?:the )?claim\b",
                            re.IGNORECASE)


def summary_after_lines(texts: list[str], lines: list[LineReadout]) -> list[int]:
    """Return the indexes of claim-level sentences read after a claim's lines, up to the menu."""
    if not lines:
        return []
    last = lines[-1].start + len(lines[-1].texts)
    start = next((index for index in range(last, len(texts)) if _CLAIM_SUMMARY.match(texts[index])), None)
    if start is None:
        return []
    end = next((index for index in range(start, len(texts)) if _MENU_TEXT.search(texts[index])), len(texts))
    return list(range(start, end))


# Line numbers as heard, with their homophones ("to" for two, "for" for four).
_LINE_NUMBER_WORDS = {
    1: ("one", "won", "1"), 2: ("two", "to", "too", "2"), 3: ("three", "3"), 4: ("four", "for", "4"),
    5: ("five", "5"), 6: ("six", "6"), 7: ("seven", "7"), 8: ("eight", "ate", "8"), 9: ("nine", "9"),
    10: ("ten", "10"),
}
_LINE_COUNT = re.compile(r"\b(?:there (?:are|is)|with|has) (\w+) (?:service )?line(?: item)?s?\b", re.IGNORECASE)


def _starts_line_number(text: str, number: int) -> bool:
    """Tell whether a sentence opens with the next line's number, its "Line" lost ("two, E zero six zero ...")."""
    words = _LINE_NUMBER_WORDS.get(number, ())
    match = re.match(r"\s*(\w+)\s*[,:]", text)
    return match is not None and match.group(1).lower() in words


def lines_in_order(lines: list[LineReadout]) -> bool:
    """Tell whether the lines heard are numbered 1, 2, 3 ... with none missing (a line lost whole breaks it)."""
    for expected, line in enumerate(lines, start=1):
        match = re.match(r"\s*(?:service )?(?:line )?(\w+)\b", line.texts[0], re.IGNORECASE)
        heard = match.group(1).lower() if match else ""
        number = next((number for number, words in _LINE_NUMBER_WORDS.items() if heard in words), None)
        if number is not None and number != expected:
            return False
    return True


def announced_line_count(texts: list[str]) -> int | None:
    """Return the number of service lines a read-out announced ("There are three line items."), or ``None``."""
    for text in texts:
        match = _LINE_COUNT.search(text)
        if match is None:
            continue
        word = match.group(1).lower()
        for number, words in _LINE_NUMBER_WORDS.items():
            if word in words:
                return number
    return None


def claim_totals_from_lines(lines: list[LineReadout], reference: date | None) -> dict[str, Extraction[Any]]:
    """Derive claim-level amounts and status from line-level detail when every line gives them."""
    per_line = [line.fields(reference) for line in lines]
    totals: dict[str, Extraction[Any]] = {}
    for name in ("billed_amount", "allowed_amount", "paid_amount", "patient_responsibility"):
        values = [fields.get(name) for fields in per_line]
        if values and all(value is not None for value in values):
            total = sum((value.value for value in values if value is not None), Decimal(0))
            confidence = min(value.confidence for value in values if value is not None) - 0.05
            totals[name] = Extraction(total, round(confidence, 2))
    statuses = {fields["claim_status"].value for fields in per_line if "claim_status" in fields}
    if len(statuses) == 1 and len(per_line) == sum("claim_status" in fields for fields in per_line):
        totals["claim_status"] = Extraction(statuses.pop(), 0.8)
    elif statuses == {ClaimStatus.PAID, ClaimStatus.DENIED}:
        totals["claim_status"] = Extraction(ClaimStatus.PARTIALLY_PAID, 0.75)
    return totals


def fullest_hearing(hearings: Sequence[Any]) -> Any | None:
    """Return the hearing of an amount or a count that every other hearing is a part of, if one is.

    A recogniser loses words far more often than it adds them, so "two
    hundred dollars and forty cents" and "two hundred eighteen dollars and
    forty cents" are one amount heard twice, the first with "eighteen" lost.
    A hearing whose spoken words contain each other hearing's words in order
    (dollars and cents apart) is taken, even against a value heard more
    often. Returns ``None`` for other kinds of values, for fewer than two
    distinct hearings, and when no hearing contains all the others.
    """
    spoken_values = [_spoken_parts(value) for value in hearings]
    if any(parts is None for parts in spoken_values):
        return None
    distinct = list(dict.fromkeys(hearings))
    if len(distinct) < 2:
        return None
    spoken = [_spoken_parts(value) for value in distinct]
    for value, parts in zip(distinct, spoken):
        assert parts is not None
        if all(_holds(parts, other) for other in spoken if other is not None):
            return value
    return None


def _spoken_parts(value: Any) -> tuple[list[str], ...] | None:
    if isinstance(value, Decimal):
        return amount_words(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return (number_words(value),)
    return None


def _holds(full: tuple[list[str], ...], part: tuple[list[str], ...]) -> bool:
    """Tell whether each of ``part``'s word lists can be made from ``full``'s by leaving words out."""
    def within(short: list[str], long: list[str]) -> bool:
        remaining = iter(long)
        return all(word in remaining for word in short)

    return all(within(short, long) for short, long in zip(part, full))
