using Infra.Core.Check;

// Checks a stack file and documents/ offline: no AWS account, no Pulumi CLI.
return OfflineCheck.Run(args, Environment.CurrentDirectory, Console.Out, Console.Error, TimeProvider.System);
