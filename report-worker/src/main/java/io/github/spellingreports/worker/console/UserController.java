package io.github.spellingreports.worker.console;

import java.security.Principal;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users page, for administrators: create editor and admin accounts, disable and enable them,
 * change their role, and set a new password for one whose owner forgot it. Disabling an account or
 * setting its password ends its open console sessions; a new role applies to them at once.
 */
@Controller
class UserController {

    private final ConsoleAccounts accounts;

    UserController(ConsoleAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/console/users")
    String users(Model model) {
        model.addAttribute("accounts", this.accounts.list());
        model.addAttribute("roles", ConsoleAccounts.Role.values());
        model.addAttribute("minPassword", ConsoleAccounts.MIN_PASSWORD);
        model.addAttribute("maxPassword", ConsoleAccounts.MAX_PASSWORD);
        return "console/users";
    }

    @PostMapping("/console/users")
    String create(@RequestParam String username, @RequestParam String password,
            @RequestParam(defaultValue = "EDITOR") ConsoleAccounts.Role role, Principal user,
            RedirectAttributes redirect) {
        try {
            this.accounts.create(username, password, role, user.getName());
            redirect.addFlashAttribute("message", "Account " + username.strip() + " created.");
        }
        catch (IllegalArgumentException ex) {
            redirect.addFlashAttribute("problem", ex.getMessage());
        }
        return "redirect:/console/users";
    }

    @PostMapping("/console/users/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, Principal user,
            RedirectAttributes redirect) {
        return actOn(id, () -> this.accounts.setEnabled(id, enabled, user.getName()),
                (username) -> "Account " + username + (enabled ? " enabled." : " disabled."), redirect);
    }

    @PostMapping("/console/users/{id}/role")
    String setRole(@PathVariable long id, @RequestParam ConsoleAccounts.Role role, Principal user,
            RedirectAttributes redirect) {
        return actOn(id, () -> this.accounts.setRole(id, role, user.getName()),
                (username) -> username + " is " + role.title() + " now.", redirect);
    }

    @PostMapping("/console/users/{id}/password")
    String setPassword(@PathVariable long id, @RequestParam String password, Principal user,
            RedirectAttributes redirect) {
        return actOn(id, () -> this.accounts.setPassword(id, password, user.getName()),
                (username) -> "New password set for " + username + "; their open sessions have ended.", redirect);
    }

    /**
     * Flashes what an action on one account did, or why it did nothing: no account with this id,
     * or a refusal with its reason.
     * @param action the action, which answers the account's username, or empty when there is none
     */
    private static String actOn(long id, Supplier<Optional<String>> action, Function<String, String> message,
            RedirectAttributes redirect) {
        try {
            action.get().ifPresentOrElse((username) -> redirect.addFlashAttribute("message", message.apply(username)),
                    () -> redirect.addFlashAttribute("problem", "There is no account with id " + id + "."));
        }
        catch (IllegalArgumentException ex) {
            redirect.addFlashAttribute("problem", ex.getMessage());
        }
        return "redirect:/console/users";
    }

}
