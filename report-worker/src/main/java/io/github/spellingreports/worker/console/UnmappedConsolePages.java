package io.github.spellingreports.worker.console;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Pages, not problem details, for browser requests that reach no controller, where
 * {@link ConsoleAdvice} does not apply: a mistyped address is a "Not found" page, and the address of
 * a form's button opened as a link (a bookmark, a pasted URL) says so. The API and the actuator keep
 * their problem details.
 */
@Configuration(proxyBeanMethods = false)
class UnmappedConsolePages implements WebMvcConfigurer {

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        // before the resolver of @ExceptionHandler methods, whose API advice would answer in JSON
        resolvers.add(0, UnmappedConsolePages::page);
    }

    /**
     * Console pages are HTML whatever the address ends with: by default Thymeleaf takes the content
     * type from a path's extension when the request accepts anything, so the Not found page of
     * {@code /console/notes.txt} went out as {@code text/plain}.
     */
    @Bean
    static BeanPostProcessor pagesAreHtml() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ThymeleafViewResolver resolver) {
                    resolver.setForceContentType(true);
                }
                return bean;
            }
        };
    }

    static ModelAndView page(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (handler instanceof HandlerMethod || !(ex instanceof ErrorResponse error) || answersInJson(path)) {
            return null;
        }
        Principal principal = request.getUserPrincipal();
        ModelAndView page;
        if (error.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
            page = ConsoleAdvice.page("console/not-found", principal, HttpStatus.NOT_FOUND);
            page.addObject("what", "page at " + path);
        }
        else if (ex instanceof HttpRequestMethodNotSupportedException unsupported && "GET".equals(unsupported.getMethod())) {
            page = ConsoleAdvice.page("console/problem", principal, error.getStatusCode());
            page.addObject("title", "Not a page");
            page.addObject("message", "This address is a form's button, not a page to open: go back to the page"
                    + " and use its button.");
        }
        else {
            page = ConsoleAdvice.errorPage(error, principal);
        }
        error.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
        return page;
    }

    /** @return whether the path is the API's or the actuator's, which answer in problem details, never pages */
    static boolean answersInJson(String path) {
        return isUnder(path, "/api") || isUnder(path, "/actuator");
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

}
