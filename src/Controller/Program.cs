return await InfoRadio.Controller.Hosting.ControllerApp.RunAsync(args);
