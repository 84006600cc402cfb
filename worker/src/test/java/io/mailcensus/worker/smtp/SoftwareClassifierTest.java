package io.mailcensus.worker.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.SmtpSoftware;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftwareClassifierTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            220 mx.example.ch ESMTP Postfix (Debian/GNU)                              | NULL                                  | postfix
            220 mail.example.ch ESMTP Exim 4.96 Tue, 24 Nov 2026 10:00:00 +0100       | 250-mail.example.ch Hello x [1.2.3.4] | exim
            220 EX01.example.ch Microsoft ESMTP MAIL Service ready at Tue, 24 Nov 2026 | NULL                                 | exchange
            220 Microsoft ESMTP MAIL Service ready                                    | NULL                                  | exchange
            220 a.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready at x | 250-a.mail.protection.outlook.com Hello | exchange
            220 mx.example.ch ESMTP Sendmail 8.15.2/8.15.2; Tue, 24 Nov 2026          | NULL                                  | sendmail
            220 mx.example.ch ESMTP                                                   | 250-mx.example.ch                     | hidden
            220 mx.example.ch ESMTP ready                                             | 250-mx.example.ch Hello scanner.test  | hidden
            220 mx.example.ch ESMTP                                                   | 250-mx.example.ch ESMTP Postfix        | postfix
            220 mx.google.com ESMTP abc123 - gsmtp                                    | NULL                                  | other
            220 mx.example.ch ESMTP Haraka/3.0.2 ready                                | NULL                                  | other
            220 exim.example.ch ESMTP                                                 | 250-exim.example.ch                   | hidden
            220 postfix.example.ch ESMTP Exim                                         | NULL                                  | exim
            220 mx.example.ch ESMTP MAIL Service                                      | NULL                                  | hidden
            """)
    void readsTheProductFromTheNamesTheServerGivesItself(String greeting, String ehlo, SmtpSoftware expected) {
        assertThat(SoftwareClassifier.classify(greeting, ehlo)).isEqualTo(expected);
    }
}
