package io.github.spellingreports.worker.console;

import java.security.Principal;

import io.github.spellingreports.worker.config.ConsoleUser;
import io.github.spellingreports.worker.config.SessionAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account page, for everyone logged in: change one's own password. The session it is changed
 * in goes on; the account's other sessions end at their next request, on every worker.
 */
@Controller
class AccountController {

    private final ConsoleAccounts accounts;

    AccountController(ConsoleAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/console/account")
    String account(Principal user, Model model) {
        model.addAttribute("configured", this.accounts.isConfigured(user.getName()));
        model.addAttribute("passwordChangedAt", this.accounts.passwordChangedAt(user.getName()).orElse(null));
        model.addAttribute("minPassword", ConsoleAccounts.MIN_PASSWORD);
        model.addAttribute("maxPassword", ConsoleAccounts.MAX_PASSWORD);
        return "console/account";
    }

    @PostMapping("/console/account/password")
    String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword,
            @RequestParam String repeatedPassword, Authentication user, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!newPassword.equals(repeatedPassword)) {
            redirect.addFlashAttribute("problem", "The new password and its repetition differ: nothing was changed.");
            return "redirect:/console/account";
        }
        try {
            this.accounts.changeOwnPassword(user.getName(), currentPassword, newPassword);
        }
        catch (IllegalArgumentException ex) {
            redirect.addFlashAttribute("problem", ex.getMessage());
            return "redirect:/console/account";
        }
        keepThisSession(user, request, response);
        redirect.addFlashAttribute("message", "Your password is changed. Your other sessions have ended.");
        return "redirect:/console/account";
    }

    /**
     * Gives this session the account as it is now, so that it is not ended with the others, and a
     * new session id, as a login would.
     */
    private void keepThisSession(Authentication user, HttpServletRequest request, HttpServletResponse response) {
        request.changeSessionId();
        SessionAuthentication.renew((ConsoleUser) this.accounts.loadUserByUsername(user.getName()), user, request,
                response);
    }

}
